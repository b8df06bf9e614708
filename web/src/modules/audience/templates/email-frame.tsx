import { Box, type BoxProps } from '@mantine/core';

/**
 * Shows an email's HTML in a sandboxed iframe: `sandbox=""` gives the document no scripts, no forms, no same-origin
 * access and no popups, so whatever a template contains cannot touch the app. `scale` shrinks it for thumbnails.
 */
export function EmailFrame({
  html,
  title,
  width = '100%',
  height = 640,
  scale = 1,
  ...box
}: {
  html: string;
  title: string;
  width?: number | string;
  height?: number;
  scale?: number;
} & Omit<BoxProps, 'children'>) {
  if (scale === 1) {
    return (
      <Box {...box} style={{ overflow: 'hidden', maxInlineSize: '100%' }}>
        <iframe
          title={title}
          sandbox=""
          srcDoc={html}
          style={{ inlineSize: width, blockSize: height, border: 0, display: 'block', background: '#fff' }}
        />
      </Box>
    );
  }
  // A thumbnail: render at mail width, then scale the whole frame down. It is decoration: out of the tab order.
  const inner = 640;
  return (
    // dir="ltr": the frame is scaled from its top-left corner, which must stay the box's corner in RTL pages too.
    <Box
      {...box}
      dir="ltr"
      style={{ overflow: 'hidden', blockSize: height * scale, position: 'relative' }}
      aria-hidden="true"
    >
      <iframe
        title={title}
        sandbox=""
        srcDoc={html}
        tabIndex={-1}
        loading="lazy"
        style={{
          inlineSize: inner,
          blockSize: height,
          border: 0,
          transform: `scale(${scale})`,
          transformOrigin: 'top left',
          pointerEvents: 'none',
          background: '#fff',
          display: 'block',
        }}
      />
    </Box>
  );
}
