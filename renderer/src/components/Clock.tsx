import { useEffect, useState } from 'react';
import { formatBeijing, useT } from '../i18n';

/** Beijing time, always visible: deadlines and reports are all in Asia/Shanghai. */
export function Clock() {
  const t = useT();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <div className="clock" aria-live="off">
      <span className="clock-label">{t('clock.label')}</span>
      <time dateTime={now.toISOString()}>{formatBeijing(now)}</time>
    </div>
  );
}
