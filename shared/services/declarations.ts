import * as z from 'zod';
import { IsoDate } from '../domain/common.js';
import {
  declarationValidUntil,
  isNonProfit,
  isPartner,
  PostingKind,
  type Organisation,
  type VolunteerDeclaration,
} from '../domain/organisation.js';
import { keys } from '../db/keys.js';
import { NotFoundError, parseInput, ValidationError } from '../errors.js';
import { updateFields } from '../repositories/accounts.js';
import { auditPut } from '../repositories/audit.js';
import { getOrganisation } from '../repositories/organisations.js';
import { transact } from '../repositories/transact.js';
import { actorName, isAdmin, isDeskOf, require, type Actor } from './actor.js';
import type { ServiceContext } from './context.js';

/**
 * Whether an organisation is an employer or a non-profit, and the UWV volunteer declaration
 * (vrijwilligersverklaring) a desk or admin has seen (docs/domain.md, "Volunteering"). Only a
 * non-profit with a valid declaration may post volunteering; the declaration is valid 3 years.
 */
export const NonProfitStatusInput = z.object({
  /** Partners (NGOs, volunteer centres) keep their partner kind: only a poster's kind changes. */
  kind: PostingKind.optional(),
  /** The date on the declaration; absent: no declaration (any recorded one is removed). */
  declarationIssuedOn: IsoDate.optional(),
});

/** Admins, and desks of a region the organisation works in, record kinds and declarations. */
export const mayRecordDeclaration = (a: Actor, o: Pick<Organisation, 'regionIds'>) => isAdmin(a) || o.regionIds.some((r) => isDeskOf(a, r));

export async function recordNonProfitStatus(ctx: ServiceContext, actor: Actor, organisationId: string, input: unknown): Promise<Organisation> {
  const current = await getOrganisation(ctx.db, organisationId);
  if (!current) throw new NotFoundError();
  require(mayRecordDeclaration(actor, current));
  const v = parseInput(NonProfitStatusInput, input);
  const kind = isPartner(current) || v.kind === undefined ? current.kind : v.kind;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const at = ctx.clock.now().toISOString();
  if (v.declarationIssuedOn !== undefined) {
    const field = 'declarationIssuedOn';
    if (!isNonProfit({ kind })) throw new ValidationError([{ field, key: 'error.declaration_non_profit_only' }]);
    if (v.declarationIssuedOn > today) throw new ValidationError([{ field, key: 'error.date_in_future' }]);
    if (declarationValidUntil(v.declarationIssuedOn) < today) {
      throw new ValidationError([{ field, key: 'error.declaration_expired', params: { date: declarationValidUntil(v.declarationIssuedOn) } }]);
    }
  }
  // The same date again keeps who recorded it and when.
  const same = current.volunteerDeclaration?.issuedOn === v.declarationIssuedOn;
  const declaration: VolunteerDeclaration | undefined =
    v.declarationIssuedOn === undefined ? undefined : same ? current.volunteerDeclaration : { issuedOn: v.declarationIssuedOn, recordedBy: actorName(actor), recordedAt: at };
  await transact(ctx.db, [
    updateFields(ctx.db, keys.organisation(organisationId), { kind, volunteerDeclaration: declaration }),
    auditPut(ctx.db, {
      at,
      actor: actorName(actor),
      action: 'organisation.non-profit-status',
      subject: { type: 'organisation', id: organisationId },
      detail: { kind, declarationIssuedOn: declaration?.issuedOn ?? 'none' },
    }),
  ]);
  return { ...current, kind, volunteerDeclaration: declaration };
}
