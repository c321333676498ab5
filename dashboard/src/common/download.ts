/**
 * Offers text to the person as a file download (a Blob URL on a temporary link, revoked at once). Nothing is kept: a
 * second download needs the text again.
 *
 * @param name the file name the browser suggests
 * @param text the content
 * @param type its media type, such as `text/csv` or `application/json`
 */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
