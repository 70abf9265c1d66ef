import { readFileSync } from 'node:fs';
import type { IsoDate } from '../shared/types';
import { parseRoutingNumber } from './routing-number';

/**
 * The Federal Reserve's FedACH participant directory (E-Payments Routing
 * Directory, FedACHdir.txt): one fixed-width record of 155 characters per
 * routing number that can receive ACH entries.
 *
 *   1-9 routing number          10 office code (O main, B branch)
 *  11-19 servicing FRB number    20 record type (0 a Federal Reserve Bank,
 *  21-26 change date (MMDDYY)       1 send to this routing number,
 *  27-35 new routing number         2 send to the new routing number)
 *  36-71 customer name         72-107 address      108-127 city
 * 128-129 state   130-134 ZIP   135-138 ZIP+4   139-148 telephone
 * 149 institution status code (1 receives government and commercial entries)
 * 150 data view code (1 current view)             151-155 filler
 */
export interface AchParticipant {
  routingNumber: string;
  office: 'main' | 'branch';
  servicingFrbNumber: string;
  recordType: 'federal_reserve_bank' | 'this_routing_number' | 'new_routing_number';
  changeDate: IsoDate;
  /** Where entries go instead, after a merger or renumbering (record type 2); null otherwise. */
  newRoutingNumber: string | null;
  name: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  /** '1': receives government and commercial entries. */
  statusCode: string;
  viewCode: string;
}

/** The routing numbers the directory lists, looked up by number. */
export interface RoutingDirectory {
  lookup(routingNumber: string): AchParticipant | null;
  readonly size: number;
}

export interface DirectoryProblem {
  line: number;
  problem: string;
}

/** A directory file that cannot be trusted: every malformed line, by number. */
export class RoutingDirectoryError extends Error {
  constructor(
    readonly source: string,
    readonly problems: DirectoryProblem[],
  ) {
    super(`${source}: ${problems.length} malformed line(s)\n  ${problems.map((p) => `line ${p.line}: ${p.problem}`).join('\n  ')}`);
    this.name = 'RoutingDirectoryError';
  }
}

export const FEDACH_RECORD_LENGTH = 155;
/** The fields every record must have; the filler after them may be trimmed by an editor. */
const MIN_RECORD_LENGTH = 150;

const RECORD_TYPES = { '0': 'federal_reserve_bank', '1': 'this_routing_number', '2': 'new_routing_number' } as const;

function changeDate(mmddyy: string): IsoDate | null {
  if (!/^\d{6}$/.test(mmddyy)) return null;
  const month = Number(mmddyy.slice(0, 2));
  const day = Number(mmddyy.slice(2, 4));
  const yy = Number(mmddyy.slice(4, 6));
  const year = yy >= 70 ? 1900 + yy : 2000 + yy;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Reads one record; the problems list is empty when it is well formed. */
function parseRecord(line: string): { participant: AchParticipant | null; problems: string[] } {
  const problems: string[] = [];
  if (line.length < MIN_RECORD_LENGTH || line.length > FEDACH_RECORD_LENGTH) {
    return { participant: null, problems: [`expected a ${FEDACH_RECORD_LENGTH}-character record, found ${line.length} characters`] };
  }
  const field = (from: number, to: number) => line.slice(from - 1, to);
  const text = (from: number, to: number) => field(from, to).trim();

  const routing = field(1, 9);
  if (!parseRoutingNumber(routing).ok) problems.push(`routing number "${routing}" (columns 1-9) is not 9 digits with a valid ABA checksum`);
  const office = field(10, 10);
  if (office !== 'O' && office !== 'B') problems.push(`office code "${office}" (column 10) is not O or B`);
  const servicing = field(11, 19);
  if (!/^\d{9}$/.test(servicing)) problems.push(`servicing FRB number "${servicing}" (columns 11-19) is not 9 digits`);
  const type = field(20, 20);
  if (!(type in RECORD_TYPES)) problems.push(`record type code "${type}" (column 20) is not 0, 1 or 2`);
  const changed = changeDate(field(21, 26));
  if (!changed) problems.push(`change date "${field(21, 26)}" (columns 21-26) is not a date as MMDDYY`);
  const newRouting = field(27, 35);
  if (type === '2') {
    if (!parseRoutingNumber(newRouting).ok || newRouting === '000000000') {
      problems.push(`new routing number "${newRouting}" (columns 27-35) must be a valid routing number for record type 2`);
    }
  } else if (!/^\d{9}$/.test(newRouting)) {
    problems.push(`new routing number "${newRouting}" (columns 27-35) is not 9 digits`);
  }
  const name = text(36, 71);
  if (!name) problems.push('customer name (columns 36-71) is blank');
  const state = field(128, 129);
  if (!/^[A-Z]{2}$/.test(state)) problems.push(`state code "${state}" (columns 128-129) is not two letters`);
  const zip = field(130, 134);
  if (!/^\d{5}$/.test(zip)) problems.push(`ZIP code "${zip}" (columns 130-134) is not 5 digits`);
  const zipExtension = field(135, 138);
  if (!/^(\d{4}| {4})$/.test(zipExtension)) problems.push(`ZIP extension "${zipExtension}" (columns 135-138) is not 4 digits`);
  const phone = field(139, 148);
  if (!/^\d{10}$/.test(phone)) problems.push(`telephone "${phone}" (columns 139-148) is not 10 digits`);
  const status = field(149, 149);
  if (!/^\d$/.test(status)) problems.push(`institution status code "${status}" (column 149) is not a digit`);
  const view = field(150, 150);
  if (!/^\d$/.test(view)) problems.push(`data view code "${view}" (column 150) is not a digit`);
  if (field(151, 155).trim() !== '') problems.push('filler (columns 151-155) is not blank');

  if (problems.length) return { participant: null, problems };
  return {
    participant: {
      routingNumber: routing,
      office: office === 'O' ? 'main' : 'branch',
      servicingFrbNumber: servicing,
      recordType: RECORD_TYPES[type as keyof typeof RECORD_TYPES],
      changeDate: changed!,
      newRoutingNumber: type === '2' ? newRouting : null,
      name,
      address: text(72, 107),
      city: text(108, 127),
      state,
      zip: zipExtension.trim() ? `${zip}-${zipExtension}` : zip,
      phone,
      statusCode: status,
      viewCode: view,
    },
    problems,
  };
}

/**
 * Parses a FedACH directory. Blank lines are skipped; any other line that is
 * not a well-formed record, or repeats a routing number, is reported with
 * its line number (1-based) and nothing from a file with problems should be trusted.
 */
export function parseFedAchDirectory(text: string): { directory: RoutingDirectory; problems: DirectoryProblem[] } {
  const byRouting = new Map<string, AchParticipant>();
  const firstSeen = new Map<string, number>();
  const problems: DirectoryProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const r = parseRecord(raw);
    for (const problem of r.problems) problems.push({ line, problem });
    if (!r.participant) return;
    const earlier = firstSeen.get(r.participant.routingNumber);
    if (earlier !== undefined) {
      problems.push({ line, problem: `routing number ${r.participant.routingNumber} is already listed on line ${earlier}` });
      return;
    }
    firstSeen.set(r.participant.routingNumber, line);
    byRouting.set(r.participant.routingNumber, r.participant);
  });
  return {
    directory: {
      lookup: (routingNumber) => byRouting.get(routingNumber) ?? null,
      size: byRouting.size,
    },
    problems,
  };
}

/**
 * Loads the FedACH directory file at start-up. A file with any malformed line
 * (or none at all) is refused with every problem and its line number, so the
 * server never checks routing numbers against a half-read list.
 */
export function loadFedAchDirectory(path: string): RoutingDirectory {
  const { directory, problems } = parseFedAchDirectory(readFileSync(path, 'latin1'));
  if (problems.length) throw new RoutingDirectoryError(path, problems);
  if (directory.size === 0) throw new RoutingDirectoryError(path, [{ line: 1, problem: 'the directory lists no routing numbers' }]);
  return directory;
}
