import type { Api } from '../../../shared/api-client.ts';
import type { TileView } from '../../../shared/schemas/register-touch.ts';
import type { Session } from './session.svelte.ts';

/** The favourite products and categories the owner laid out for this register, as tiles on the sell screen. */
export class Tiles {
  items = $state<TileView[]>([]);
  /** The category tile opened: its products are shown as tiles until it is closed. */
  openCategoryId = $state<string | null>(null);

  constructor(
    private readonly api: Api,
    session: Session,
  ) {
    session.onSignedIn(async () => {
      // A register without tiles (or an older server) sells by scanning and search alone.
      this.items = await this.api.get<{ items: TileView[] }>('/api/register/tiles').then((r) => r.items, () => []);
      this.openCategoryId = null;
    });
    session.onSignedOut(() => {
      this.items = [];
      this.openCategoryId = null;
    });
  }

  get openCategory(): Extract<TileView, { kind: 'category' }> | null {
    const tile = this.items.find((t) => t.id === this.openCategoryId);
    return tile?.kind === 'category' ? tile : null;
  }
}
