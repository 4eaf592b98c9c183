import { type Campaign, campaigns, type Db } from '@switchboard/db';
import type { Scope } from '@switchboard/validators';
import { eq, inArray, or, type SQL } from 'drizzle-orm';
import { type Access, type Actor, requireScope } from '../access.ts';
import { AppError } from '../errors.ts';
import type { PoolService } from '../pools/service.ts';

/**
 * Who may see a campaign: whoever may see its account (the same rule as for sessions), or its pool. One that
 * the actor may not see answers NOT_FOUND, exactly like one that does not exist.
 */
export class CampaignAccess {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly pools: PoolService,
  ) {}

  campaign(actor: Actor, id: string, scope: Scope): Campaign {
    requireScope(actor, scope);
    const row = this.db.select().from(campaigns).where(eq(campaigns.id, id)).get();
    if (!row || !this.sees(actor, row, scope)) throw new AppError('NOT_FOUND', `Campaign ${id} not found`);
    return row;
  }

  sees(actor: Actor, row: Pick<Campaign, 'accountId' | 'poolId'>, scope: Scope): boolean {
    if (row.accountId) return this.access.visible(actor, row.accountId, scope) !== undefined;
    if (!row.poolId) return false;
    try {
      this.pools.get(actor, row.poolId, scope);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  /** A condition limiting a campaign query to what the actor may see; undefined when it sees them all. */
  filter(actor: Actor, scope: Scope): SQL | undefined {
    const accounts = this.access.accountFilter(actor, campaigns.accountId, scope);
    if (!accounts) return undefined;
    const pools = this.pools.visibleIds(actor);
    return pools.length > 0 ? or(accounts, inArray(campaigns.poolId, pools)) : accounts;
  }
}
