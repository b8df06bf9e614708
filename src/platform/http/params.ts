import { z } from 'zod';

/** `/:id` path parameters, shared by every module's routes. */
export const ZUuidParams = z.object({ id: z.string().uuid() });
