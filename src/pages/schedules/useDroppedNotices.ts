import { useEffect } from 'react';
import { SCHEDULE_NAMES } from '../../engine/schedules';
import { useAppStore } from '../../store/appStore';
import { takeDroppedSchedules } from '../../store/schemas';

/**
 * Says which names a `schedules=` link contained that are not schedules. The URL parser keeps the known names
 * and leaves the unknown ones for the page (store/schemas.ts); they are read when the page mounts (the first
 * load parsed the link before the page existed) and after every store change (a later link on this page).
 */
export function useDroppedScheduleNotices(): void {
  useEffect(() => {
    const report = () => {
      const dropped = takeDroppedSchedules();
      if (dropped.length === 0) return;
      const list = dropped.map((d) => `"${d}"`).join(', ');
      const verb = dropped.length === 1 ? 'is not a schedule' : 'are not schedules';
      useAppStore
        .getState()
        .addNotice(
          `schedules: ${list} ${verb} (known: ${SCHEDULE_NAMES.join(', ')}); dropped.`,
          'link',
          'warning',
        );
    };
    report();
    return useAppStore.subscribe(report);
  }, []);
}
