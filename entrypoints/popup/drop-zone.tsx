import { useState } from 'preact/hooks';

interface Props {
  onFile: (file: File) => void;
  /** The file now shown, if any. */
  fileName: string;
}

/** A file picker that is also a drop target. The input is visually hidden but keyboard-focusable. */
export function DropZone({ onFile, fileName }: Props) {
  const [over, setOver] = useState(false);
  const take = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) onFile(file);
  };
  return (
    <div
      class={`drop${over ? ' drop--over' : ''}`}
      data-testid="drop-zone"
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => e.preventDefault()}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer?.files);
      }}
    >
      <input
        id="eml-file"
        class="drop__input"
        type="file"
        accept=".eml,message/rfc822"
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      <label for="eml-file" class="bi-button drop__button">
        Choose .eml file
      </label>
      <span class="drop__text">
        {fileName ? (
          <>
            Showing <strong>{fileName}</strong>
          </>
        ) : (
          'or drop one here'
        )}
      </span>
    </div>
  );
}
