import type { z } from 'zod';
import type { Organisation } from '../../shared/domain/organisation.js';

/**
 * Demo organisations that `npm start` seeds. All names, numbers and addresses are fictional;
 * web sites and e-mail addresses use example domains only.
 * `key` is a short slug that demo listings (and demo users) use to refer to an organisation.
 */
export interface DemoOrganisation extends Omit<z.input<typeof Organisation>, 'id' | 'createdAt'> {
  key: string;
}

/**
 * A UWV volunteer declaration the desk recorded, dated some months before the day of seeding
 * (valid 3 years), so the demo never goes stale.
 */
function declaredMonthsAgo(months: number) {
  const issued = new Date();
  issued.setUTCMonth(issued.getUTCMonth() - months);
  return { issuedOn: issued.toISOString().slice(0, 10), recordedBy: 'desk-noord@example.org', recordedAt: new Date().toISOString() };
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // ---- Employers ---------------------------------------------------------------------------
  {
    key: 'kwekerij-polderglas',
    kind: 'employer',
    name: 'Kwekerij Polderglas B.V.',
    kvk: '71234508',
    sector: 'Glastuinbouw (tomaten en paprika)',
    address: 'Agriport 112, 1775 TA Middenmeer',
    website: 'https://polderglas.example.org',
    contactEmail: 'personeel.polderglas@example.org',
    contactPhone: '+31 227 000 112',
    regionIds: ['west'],
    trusted: false,
  },
  {
    // Demo employer for region Zuid: its members sign in as werkgever@example.org.
    key: 'werkgever-zuid',
    kind: 'employer',
    name: 'Maasland Logistiek B.V.',
    kvk: '68450213',
    sector: 'Logistiek en warehousing',
    address: 'Doornhoek 3840, 5465 TA Veghel',
    website: 'https://maasland-logistiek.example.org',
    contactEmail: 'personeel.maasland@example.org',
    contactPhone: '+31 413 000 384',
    regionIds: ['zuid'],
    trusted: false,
  },
  {
    key: 'hotelgroep',
    kind: 'employer',
    name: 'Hotelgroep De Gouden Sleutel B.V.',
    kvk: '55128734',
    sector: 'Horeca en hotels',
    address: 'Oranjesingel 20, 6511 NV Nijmegen',
    website: 'https://www.example.org/gouden-sleutel',
    contactEmail: 'werken.goudensleutel@example.org',
    contactPhone: '+31 24 000 2020',
    regionIds: ['oost', 'zuid', 'west'],
    trusted: false,
  },
  {
    key: 'zorggroep-noord',
    kind: 'employer',
    name: 'Zorggroep Het Lindehof',
    kvk: '41009876',
    sector: 'Ouderenzorg (verpleeg- en verzorgingshuizen)',
    address: 'Lindelaan 5, 8924 AB Leeuwarden',
    website: 'https://lindehof.example.org',
    contactEmail: 'werkenbij.lindehof@example.org',
    contactPhone: '+31 58 000 0505',
    regionIds: ['noord'],
    trusted: true,
  },
  {
    key: 'bakkerij-oost',
    kind: 'employer',
    name: 'Bakkerij Gebroeders Hendriks B.V.',
    kvk: '09187452',
    sector: 'Voedingsmiddelenindustrie (brood en banket)',
    address: 'Bijsterhuizen 2410, 6604 LK Wijchen',
    website: 'https://bakkerij-hendriks.example.org',
    contactEmail: 'vacatures.hendriks@example.org',
    contactPhone: '+31 24 000 2410',
    regionIds: ['oost'],
    trusted: false,
  },
  {
    key: 'schoonmaak',
    kind: 'employer',
    name: 'Helder Schoonmaak & Facilitair B.V.',
    kvk: '32076541',
    sector: 'Schoonmaak en facilitaire dienstverlening',
    address: 'Stationsplein 8, 3818 LE Amersfoort',
    website: 'https://helder-facilitair.example.org',
    contactEmail: 'werving.helder@example.org',
    contactPhone: '+31 33 000 0808',
    regionIds: ['noord', 'oost', 'zuid', 'west'],
    trusted: true,
  },
  {
    // A non-profit (a foundation) with a volunteer declaration: it may offer volunteering.
    key: 'sportclub-west',
    kind: 'non-profit',
    name: 'Stichting Sportpark Polderhart',
    kvk: '73340091',
    sector: 'Sport en recreatie (stichting)',
    volunteerDeclaration: declaredMonthsAgo(14),
    address: 'Sportlaan 3, 1701 AA Heerhugowaard',
    website: 'https://www.example.org/sportbedrijf-polderhart',
    contactEmail: 'vrijwilligers.polderhart@example.org',
    contactPhone: '+31 72 000 0303',
    regionIds: ['west'],
    trusted: false,
  },
  {
    key: 'aardappel-noord',
    kind: 'employer',
    name: 'Aardappelverwerking Veenkoloniën B.V.',
    kvk: '02098315',
    sector: 'Voedingsmiddelenindustrie (aardappelproducten)',
    address: 'Industrieweg 30, 9503 AC Stadskanaal',
    website: 'https://veenkolonien-aardappel.example.org',
    contactEmail: 'hr.veenkolonien@example.org',
    contactPhone: '+31 599 000 030',
    regionIds: ['noord'],
    trusted: false,
  },

  // ---- Network partners --------------------------------------------------------------------
  {
    key: 'wsp-zuid',
    kind: 'employer-service-point',
    name: 'Werkgeverspunt Maas en Meierij',
    sector: 'Werkgeversdienstverlening (UWV en gemeenten)',
    address: 'Wolvenhoek 10, 5211 HH \'s-Hertogenbosch',
    website: 'https://werkgeverspunt-mm.example.org',
    contactEmail: 'werkgeverspunt.mm@example.org',
    contactPhone: '+31 73 000 1010',
    regionIds: ['zuid'],
    offers:
      'Gratis advies voor werkgevers die statushouders of asielzoekers willen aannemen: hulp bij de tewerkstellingsvergunning (TWV), proefplaatsing, loonkostensubsidie en jobcoaching. Organiseert banenmarkten en bedrijfsbezoeken samen met de Meedoenbalies van het COA.',
    trusted: true,
  },
  {
    key: 'uitzendbureau',
    kind: 'employment-agency',
    name: 'StapVoor Uitzenden B.V.',
    kvk: '60321457',
    sector: 'Uitzenden en detacheren',
    address: 'Keizersgracht 100, 1015 CV Amsterdam',
    website: 'https://stapvoor.example.org',
    contactEmail: 'nieuwkomers.stapvoor@example.org',
    contactPhone: '+31 20 000 1000',
    regionIds: ['noord', 'oost', 'zuid', 'west'],
    offers:
      'Bemiddeling naar betaald werk in logistiek, productie, schoonmaak en horeca. Vraagt de TWV aan voor asielzoekers die bij ons in dienst komen, werkt met een vaste contactpersoon per azc en biedt taaltraining op de werkvloer.',
    trusted: false,
  },
  {
    key: 'ngo',
    kind: 'ngo',
    volunteerDeclaration: declaredMonthsAgo(8),
    name: 'Stichting Nieuwe Buren aan het Werk',
    kvk: '81552093',
    sector: 'Maatschappelijke organisatie',
    address: 'Oudegracht 200, 3511 NR Utrecht',
    website: 'https://www.example.org/nieuwe-buren',
    contactEmail: 'info.nieuweburen@example.org',
    contactPhone: '+31 30 000 2000',
    regionIds: ['noord', 'oost', 'zuid', 'west'],
    offers:
      'Persoonlijke coaching naar werk, opleiding of vrijwilligerswerk; hulp bij cv en sollicitatie in het Nederlands en Engels; buddy’s uit het bedrijfsleven en begeleiding in de eerste maanden op het werk.',
    trusted: false,
  },
  {
    key: 'vrijwilligerscentrale-noord',
    kind: 'volunteer-centre',
    volunteerDeclaration: declaredMonthsAgo(20),
    name: 'Vrijwilligerscentrale Noorderlicht',
    kvk: '40123987',
    sector: 'Vrijwilligerswerk',
    address: 'Nieuwestad 44, 8911 CT Leeuwarden',
    website: 'https://noorderlicht-vrijwilligers.example.org',
    contactEmail: 'vrijwilligers.noorderlicht@example.org',
    contactPhone: '+31 58 000 4444',
    regionIds: ['noord'],
    offers:
      'Koppelt bewoners aan vrijwilligerswerk. Heeft een vrijwilligersverklaring van UWV, dus ook asielzoekers hebben geen werkvergunning nodig. Regelt de vrijwilligersverzekering, een vaste contactpersoon en een bewijs van deelname voor je cv.',
    trusted: false,
  },
  {
    key: 'opleider',
    kind: 'training-provider',
    name: 'Taal & Vak Opleidingen',
    kvk: '58731246',
    sector: 'Beroepsonderwijs en NT2',
    address: 'Stationsstraat 15, 1315 KR Almere',
    website: 'https://taalenvak.example.org',
    contactEmail: 'inschrijven.taalenvak@example.org',
    contactPhone: '+31 36 000 1515',
    regionIds: ['oost', 'west'],
    offers:
      'NT2-lessen op niveau A1 tot B1, gecombineerd met een vakopleiding in logistiek, schoonmaak, horeca of zorg. BBL-trajecten bij erkende leerbedrijven, VCA-basiscursus en informatiebijeenkomsten op het azc.',
    trusted: false,
  },
];
