import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../shared/db/client.js';
import { keys } from '../../shared/db/keys.js';
import type { ListingInput } from '../../shared/domain/listing.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { loadConfig } from '../../shared/config/index.js';
import type { SiteDeps } from './context.js';

/** Test data for the resident site: two regions, an employer, a partner, listings in every state. */
export async function seedSite(db: Db) {
  await seedDirectory(db);
  const employer = await seedOrganisation(db, { website: 'https://kwekerij.example.org' });
  const partner = await seedOrganisation(db, { kind: 'ngo', name: 'VluchtelingenWerk Limburg', regionIds: ['zuid'], offers: 'Begeleiding naar werk en taalmaatjes.', contactPhone: '+31 77 000 1234' });
  const desk = deskOf('zuid');
  const publish = async (input: ListingInput) => {
    const l = await createListing(db, desk, input, clock);
    await changeStatus(db, desk, l.id, 1, 'submit', { clock });
    return changeStatus(db, desk, l.id, 2, 'approve', { clock });
  };
  const job = await publish(vacancy(employer.id, { title: 'Heftruckchauffeur Venlo', workplace: { street: 'Venrayseweg 10', postcode: '5928 RH', city: 'Venlo', lat: 51.39, lon: 6.15 } }));
  const far = await publish(vacancy(employer.id, { title: 'Orderpicker Maastricht', hoursPerWeek: 24, dutchLevel: 'A2', openTo: 'permit-holders', workplace: { city: 'Maastricht', lat: 50.85, lon: 5.69 } }));
  const volunteering = await publish(
    vacancy(employer.id, {
      kind: 'volunteering', title: 'مساعدة في بنك الملابس', description: 'نبحث عن متطوعين لفرز الملابس.', language: 'ar', openTo: 'everyone',
      wagePerHour: undefined, hoursPerWeek: 8, dutchLevel: 'none', helpsWithWorkPermit: false, workplace: { city: 'Blerick', lat: 51.37, lon: 6.14 },
    }),
  );
  const companyVisit = await publish(visit(employer.id, { title: 'Bedrijfsbezoek kassen', contactNote: 'Neem je W-document mee.' }));
  const draft = await createListing(db, desk, vacancy(employer.id, { title: 'Concept: nog niet klaar' }), clock);
  const closedBefore = await publish(vacancy(employer.id, { title: 'Al gesloten vacature' }));
  const closed = await changeStatus(db, desk, closedBefore.id, closedBefore.version, 'close', { clock });
  return { employer, partner, job, far, volunteering, companyVisit, draft, closed };
}

/** Sign-ups keep seats taken on the visit's SEATS item; tests write it directly. */
export async function setSeatsTaken(db: Db, listingId: string, taken: number) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.visitSeats(listingId), type: 'seats', taken } }));
}

export function siteDeps(db: Db, o: Partial<SiteDeps> = {}): SiteDeps {
  return { db, config: loadConfig({ PUBLIC_ORIGIN: 'https://opweg.example.org', REACH_KM: '40' }), clock, ...o };
}
