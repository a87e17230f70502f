import { useState } from 'react';
import { PictureIcon } from '@/components/icons';
import { safePictureUrl } from '@/lib/safe-url';

/** A fixed-size, lazily loaded picture; the placeholder stands in when it is missing, broken or unsafe. */
export function LockThumbnail({ picture, allowedOrigin, size = 40 }: { picture: string | null; allowedOrigin: string | null; size?: number }) {
  const src = safePictureUrl(picture, allowedOrigin);
  const [failed, setFailed] = useState<string | null>(null);
  const box = { width: size, height: size };
  if (!src || failed === src) {
    return (
      <span
        style={box}
        className="flex items-center justify-center rounded-md bg-slate-100 text-slate-400 dark:bg-slate-800 dark:text-slate-500"
        title="No picture"
      >
        <PictureIcon size={Math.round(size / 2)} />
      </span>
    );
  }
  return (
    <img
      src={src}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(src)}
      style={box}
      className="rounded-md bg-slate-100 object-cover dark:bg-slate-800"
    />
  );
}
