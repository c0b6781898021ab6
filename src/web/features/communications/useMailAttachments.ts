import { useCallback, useRef, useState } from 'react';
import type { Attachment } from '../../../shared/contracts/attachments.js';
import type { Links } from '../activities/ActivityForm.js';
import { useUploads } from '../attachments/useUploads.js';
import { attachProblem, fileSources } from './mailFiles.js';

/**
 * The files a new e-mail carries: picked from the record's files, or uploaded from the computer to the
 * record first (the e-mail takes a copy, the record keeps the file) and chosen once they arrive. More
 * than an e-mail may carry is refused at the click, with why. `onChange` hears the chosen ids (the form's
 * `attachmentIds`).
 */
export function useMailAttachments(links: Links, onChange: (ids: string[]) => void) {
  const sources = fileSources(links);
  const [chosen, setChosen] = useState<Attachment[]>([]);
  const [problem, setProblem] = useState<string>();
  // The chosen files as of the last change, for an upload that arrives between renders.
  const current = useRef(chosen);

  const choose = useCallback(
    (next: Attachment[]) => {
      current.current = next;
      setChosen(next);
      onChange(next.map((file) => file.id));
    },
    [onChange],
  );

  /** Adds files unless the e-mail could not carry them all; says why when it could not. */
  const add = useCallback(
    (files: Attachment[], pending: readonly { size: number }[] = []) => {
      const fresh = files.filter((file) => !current.current.some((kept) => kept.id === file.id));
      const refusal = attachProblem([...current.current, ...pending], fresh);
      setProblem(refusal);
      if (!refusal) choose([...current.current, ...fresh]);
    },
    [choose],
  );

  const remove = (file: Attachment) => {
    setProblem(undefined);
    choose(current.current.filter((kept) => kept.id !== file.id));
  };

  // An arrived file was counted when it was picked, so it fits unless the rep chose others meanwhile.
  const uploads = useUploads(sources[0]?.link ?? {}, { onUploaded: (file) => add([file]) });
  const inFlight = uploads.uploads.filter((upload) => upload.error === undefined);

  return {
    sources,
    chosen,
    problem,
    uploads,
    /** Whether Send must wait: a file is still on its way up. */
    uploading: inFlight.length > 0,
    toggle: (file: Attachment, checked: boolean) => {
      if (checked) add([file], inFlight);
      else remove(file);
    },
    remove,
    /** Files from the computer: refused before they go up when the e-mail could not carry them. */
    upload: (files: File[]) => {
      const refusal = attachProblem([...current.current, ...inFlight], files);
      setProblem(refusal);
      if (!refusal) uploads.add(files);
    },
  };
}
