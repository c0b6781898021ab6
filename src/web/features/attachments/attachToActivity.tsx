import { Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import type { Activity } from '../../../shared/contracts/activities.js';
import { refreshFiles } from './attachmentQueries.js';
import { newIdempotencyKey, uploadFailure } from './files.js';
import { uploadFile } from './useUploads.js';

/**
 * Opens the file picker from an activity's menu (a photo of the shelf at a visit: on a phone the picker
 * offers the camera) and attaches each file picked to the activity, which gives it the activity's
 * records. Progress and the outcome show as a notice, as the menu that started it is gone.
 * Call it in the click itself: browsers open a file picker only in answer to one.
 */
export function attachToActivity(queryClient: QueryClient, activity: Activity) {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  if (activity.type === 'visit') input.accept = 'image/*';
  input.style.display = 'none';
  // In the document, as some mobile browsers report the choice only of an input that is.
  document.body.append(input);
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.remove();
    for (const file of files) void attachOne(queryClient, activity, file);
  });
  input.addEventListener('cancel', () => input.remove());
  input.click();
}

async function attachOne(queryClient: QueryClient, activity: Activity, file: File) {
  const id = notifications.show({
    loading: true,
    title: `Attaching ${file.name} to ${activity.subject}`,
    message: <UploadProgress name={file.name} percent={0} />,
    autoClose: false,
    withCloseButton: false,
  });
  let shown = 0;
  try {
    await uploadFile(
      file,
      { activityId: activity.id },
      {
        idempotencyKey: newIdempotencyKey(),
        onProgress: (percent) => {
          // A notice redrawn every few bytes would only cost the phone's battery.
          if (percent - shown < 5 && percent < 100) return;
          shown = percent;
          notifications.update({ id, message: <UploadProgress name={file.name} percent={percent} /> });
        },
      },
    );
    notifications.update({
      id,
      loading: false,
      color: 'teal',
      title: undefined,
      message: `${file.name} attached to ${activity.subject}`,
      autoClose: 2500,
      withCloseButton: true,
    });
    refreshFiles(queryClient);
  } catch (error) {
    notifications.update({
      id,
      loading: false,
      color: 'red',
      title: `${file.name} was not attached`,
      message: uploadFailure(file.name, error),
      autoClose: false,
      withCloseButton: true,
    });
  }
}

function UploadProgress({ name, percent }: { name: string; percent: number }) {
  return (
    <>
      <Progress value={percent} size="sm" mt={6} aria-label={`Uploading ${name}`} />
      <Text size="xs" c="dimmed" mt={4}>
        {percent >= 100 ? 'Saving…' : `${percent}%`}
      </Text>
    </>
  );
}
