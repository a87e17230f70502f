import { useState } from 'react';
import { PictureIcon } from './icons';
import { safePictureUrl } from '@/lib/safe-url';

/**
 * A fixed-size, lazily loaded picture; the placeholder stands in when it is missing, broken or unsafe.
 * Its look is `.picture` in index.css: square at the given size (a table shows one on every row).
 */
export function LockPicture({ picture, allowedOrigin, size = 40 }: { picture: string | null; allowedOrigin: string | null; size?: number }) {
  const src = safePictureUrl(picture, allowedOrigin);
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) {
    return (
      <span style={{ width: size, height: size }} className="picture flex items-center justify-center text-slate-500 dark:text-slate-400" title="No picture">
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
      onError={() => setFailed(src)}
      className="picture"
    />
  );
}
