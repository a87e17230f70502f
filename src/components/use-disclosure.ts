import { useId, useState } from 'react';

/**
 * A button that shows and hides a region below it (WAI-ARIA disclosure): spread `buttonProps` on the
 * button and give the region `regionId`, rendered whether open or not so `aria-controls` names it.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return {
    open,
    close: () => setOpen(false),
    regionId,
    buttonProps: { 'aria-expanded': open, 'aria-controls': regionId, onClick: () => setOpen(!open) },
  };
}
