/**
 * The release a workbook is pinned to, kept in the workbook itself (document settings) so it recalculates
 * the same numbers on any machine until someone re-pins.
 */
export interface PinStore {
  get(): string | null;
  set(releaseId: string | null): Promise<void>;
}

const SETTING = 'cic.release';

export class MemoryPin implements PinStore {
  constructor(private id: string | null = null) {}
  get(): string | null {
    return this.id;
  }
  async set(releaseId: string | null): Promise<void> {
    this.id = releaseId;
  }
}

/** Office.context.document.settings, saved with the workbook. */
export class WorkbookPin implements PinStore {
  constructor(private readonly settings: Office.Settings) {}

  get(): string | null {
    const v: unknown = this.settings.get(SETTING);
    return typeof v === 'string' && v ? v : null;
  }

  set(releaseId: string | null): Promise<void> {
    const before = this.get();
    if (releaseId === null) this.settings.remove(SETTING);
    else this.settings.set(SETTING, releaseId);
    return new Promise((resolve, reject) => {
      this.settings.saveAsync((r) => {
        if (r.status === Office.AsyncResultStatus.Succeeded) return resolve();
        // Not stored: put the setting back, so get() (and the pane's pin line) never reports a pin the workbook lacks.
        if (before === null) this.settings.remove(SETTING);
        else this.settings.set(SETTING, before);
        reject(new Error(r.error?.message ?? 'could not save the pin'));
      });
    });
  }
}
