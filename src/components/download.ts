/** Saves a Blob under a file name through a temporary link (the browser's ordinary download). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Score Lab" + page + figure, safe for every file system. */
export function exportFileName(page: string, figure: string, extension: string): string {
  const clean = (s: string) => s.replace(/[^a-z0-9-]+/gi, '-').replace(/^-|-$/g, '');
  return `score-lab-${clean(page)}-${clean(figure.replace(/^figure-/, ''))}.${extension}`;
}
