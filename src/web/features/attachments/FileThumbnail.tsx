import { Box, ThemeIcon } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import {
  IconFile,
  IconFileText,
  IconFileTypeDoc,
  IconFileTypePdf,
  IconFileTypePpt,
  IconFileTypeXls,
  IconFileZip,
  IconMail,
  IconPhoto,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { type Attachment, isImage } from '../../../shared/contracts/attachments.js';
import { useFileThumbnail } from './attachmentQueries.js';
import { type FileKind, fileKind } from './files.js';

const icons: Record<FileKind, typeof IconFile> = {
  image: IconPhoto,
  pdf: IconFileTypePdf,
  sheet: IconFileTypeXls,
  document: IconFileTypeDoc,
  slides: IconFileTypePpt,
  archive: IconFileZip,
  text: IconFileText,
  email: IconMail,
  other: IconFile,
};

/** Photos larger than this keep their icon: a thumbnail is not worth that much of a phone's data. */
const PREVIEW_MAX_BYTES = 8 * 1024 * 1024;

export const THUMBNAIL_SIZE = 40;

/**
 * A photo's thumbnail, its bytes fetched with the bearer token once it scrolls into view; any other file
 * (and a photo until then, or one the browser cannot decode) shows the icon of its kind. Always the same
 * size, so nothing moves as it loads.
 */
export function FileThumbnail({ file }: { file: Attachment }) {
  const previewable = isImage(file.contentType) && file.size <= PREVIEW_MAX_BYTES;
  const { ref, inViewport } = useInViewport();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (inViewport) setSeen(true);
  }, [inViewport]);
  // Drawn at twice its size, for sharp screens.
  const url = useFileThumbnail(file, THUMBNAIL_SIZE * 2, previewable && seen).data;
  const Icon = icons[fileKind(file.contentType, file.fileName)];
  return (
    <Box
      ref={ref}
      w={THUMBNAIL_SIZE}
      h={THUMBNAIL_SIZE}
      style={{ flexShrink: 0, borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}
    >
      {url ? (
        <img
          src={url}
          alt={`Preview of ${file.fileName}`}
          width={THUMBNAIL_SIZE}
          height={THUMBNAIL_SIZE}
          style={{ objectFit: 'cover', display: 'block' }}
        />
      ) : (
        <ThemeIcon variant="light" color="gray" size={THUMBNAIL_SIZE} radius="sm" aria-hidden>
          <Icon size={22} stroke={1.5} />
        </ThemeIcon>
      )}
    </Box>
  );
}
