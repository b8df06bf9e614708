import { Liquid } from 'liquidjs';
import mjml2html from 'mjml';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type CompiledTemplate, compileTemplate, type TemplateSource } from '../../../platform/mail/render.ts';
import { assertSafeLiquid } from './safety.ts';

// Liquid as the renderer configures it, to parse the source as typed: errors then name the line people see, not a
// line of MJML's generated HTML.
const liquid = new Liquid({ strictFilters: true, cache: false });

const STRUCTURE = /doesn't exist or is not registered|cannot be used inside|is not a valid|malformed/i;

/**
 * A template is saved only if it would render: no forbidden Liquid tag, Liquid that parses, MJML whose elements exist
 * and nest as MJML allows (errors name the line). Attribute problems (an invalid colour…) are warnings. Returns the
 * compiled form so a preview or a test send does not compile twice.
 */
export async function validateTemplateSource(
  src: TemplateSource,
): Promise<{ compiled: CompiledTemplate; warnings: FieldError[] }> {
  assertSafeLiquid(src);
  const errors: FieldError[] = [];
  for (const [field, value] of [
    ['subject', src.subject],
    ['preheader', src.preheader ?? ''],
    ['mjml', src.mjml],
    ['text', src.text ?? ''],
  ] as const) {
    try {
      liquid.parse(value);
    } catch (e) {
      errors.push({ field, message: liquidMessage(e as Error) });
    }
  }
  if (!/<mjml[\s>]/i.test(src.mjml) || !/<mj-body[\s>]/i.test(src.mjml)) {
    errors.push({ field: 'mjml', message: 'line 1: an MJML document starts with <mjml> and has an <mj-body>' });
  }
  if (errors.length) throw new AppError('VALIDATION', 'The template has errors.', errors);

  let out: Awaited<ReturnType<typeof mjml2html>>;
  try {
    out = await mjml2html(src.mjml, { validationLevel: 'soft', keepComments: false });
  } catch (e) {
    throw new AppError('VALIDATION', 'The template is not valid MJML.', [
      { field: 'mjml', message: (e as Error).message },
    ]);
  }
  const structural = out.errors.filter((e) => STRUCTURE.test(e.message));
  if (structural.length) {
    throw new AppError(
      'VALIDATION',
      'The template is not valid MJML.',
      structural.map((e) => ({ field: 'mjml', message: `line ${e.line}: ${e.message.trim()}` })),
    );
  }
  const warnings = out.errors
    .filter((e) => !STRUCTURE.test(e.message))
    .map((e) => ({ field: 'mjml', message: `line ${e.line}: ${e.message.trim()}` }));
  try {
    return { compiled: await compileTemplate(src), warnings };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', 'The template could not be compiled.', [
      { field: 'mjml', message: (e as Error).message },
    ]);
  }
}

/** LiquidJS says "…, line:3, col:8"; people read "line 3: …". */
function liquidMessage(e: Error): string {
  const m = /^(.*?),?\s*line:(\d+), col:(\d+)/s.exec(e.message);
  return m ? `line ${m[2]}, column ${m[3]}: ${m[1]!.trim()}` : e.message;
}
