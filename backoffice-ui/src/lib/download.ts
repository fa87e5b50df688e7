import type { Api } from '../../../shared/api-client.ts';

/** Fetches a file the API makes (an export, a report) with the session's token and saves it as `fileName`. */
export async function downloadFile(api: Api, path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${api.token}` } });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
