import { useState } from 'react';
import { PictureIcon } from './icons';
import { safePictureUrl } from '@/lib/safe-url';

/** A fixed-size, lazily loaded picture; the placeholder stands in when it is missing, broken or unsafe. */
export function LockPicture({ picture, allowedOrigin, size = 40 }: { picture: string | null; allowedOrigin: string | null; size?: number }) {
  const src = safePictureUrl(picture, allowedOrigin);
  const [failed, setFailed] = useState<string | null>(null);
  const box = { width: size, height: size };
  if (!src || failed === src) {
    return (
      <span
        style={box}
        className="flex max-w-none shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400"
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
      className="max-w-none shrink-0 rounded-md bg-slate-100 object-cover dark:bg-slate-800"
    />
  );
}
