import type { DownloadProgress, Host, ModelStatus } from '../../app/host/contract.js';
import type { Notices } from './notices.svelte.js';
import { userMessage } from './userMessage.js';

/** The VGG19 weights: whether they are there, and getting them (download or import) when not. */
export class ModelSetup {
  status = $state.raw<ModelStatus | null>(null);
  /** True from the start until the first check has answered: the studio does not know yet whether weights are there. */
  checking = $state(true);
  /** Why the weights that are there cannot be used. */
  problem = $state<string | null>(null);
  downloading = $state(false);
  progress = $state.raw<DownloadProgress | null>(null);
  importing = $state(false);
  private cancelled = false;

  constructor(
    private readonly host: Host,
    private readonly notices: Notices,
    private readonly onReady: (status: ModelStatus) => void,
  ) {}

  get ready(): boolean {
    return this.status?.state === 'ready';
  }

  async check(): Promise<void> {
    this.checking = true;
    this.problem = null;
    try {
      this.accept(await this.host.modelStatus());
    } catch (e) {
      this.problem = `The model weights cannot be used. ${userMessage(e, 'reading the model weights')}`;
    } finally {
      this.checking = false;
    }
  }

  async download(): Promise<void> {
    this.downloading = true;
    this.cancelled = false;
    this.progress = null;
    try {
      this.accept(await this.host.downloadModel((p) => (this.progress = p)));
      this.notices.success('The VGG19 weights are installed.');
    } catch (e) {
      if (this.cancelled) this.notices.info('The download was cancelled.');
      else this.notices.error(userMessage(e, 'downloading the weights'));
    } finally {
      this.downloading = false;
      this.progress = null;
    }
  }

  async cancelDownload(): Promise<void> {
    this.cancelled = true;
    await this.host.cancelModelDownload().catch(() => undefined);
  }

  async importWeights(): Promise<void> {
    this.importing = true;
    try {
      const status = await this.host.importModel();
      if (!status) return;
      this.accept(status);
      this.notices.success(`Imported weights with ${status.layers.length} VGG19 layers.`);
    } catch (e) {
      this.notices.error(userMessage(e, 'importing the weights'));
    } finally {
      this.importing = false;
    }
  }

  private accept(status: ModelStatus): void {
    this.status = status;
    this.problem = null;
    if (status.state === 'ready') this.onReady(status);
  }
}
