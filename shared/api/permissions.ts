import type { CommandName } from './index';
import type { Role } from './actor';

/**
 * Who may call each command, checked by the core (electron/core/core.ts) before the handler runs, whatever shell the
 * call came through. One table, so the whole list can be read (and tested) at once:
 *  - 'anyone': no sign-in needed (the shell's token still is): the board and every other read, and signing in;
 *  - 'signed-in': any signed-in person;
 *  - a list of roles: a signed-in person holding one of them.
 * A step inside a command that needs more (an approval in `console.act`, approving a fire-use permit) is checked by
 * its handler, against the person who confirms it with their own password.
 *
 * The county's own decision (no national rule assigns commands to roles): the split below follows the duty-room
 * rules we found — officers record and report, the duty leader approves, the office files and prints, forestry staff
 * keep the map, the administrator keeps accounts and the data folder.
 */
export type Permission = 'anyone' | 'signed-in' | readonly Role[];

const ON_DUTY = ['duty-officer', 'duty-leader'] as const;
const STAFF = ['duty-officer', 'duty-leader', 'office'] as const;
const FORESTRY = ['duty-officer', 'duty-leader', 'office', 'map-keeper'] as const;
const MAP = ['map-keeper', 'admin'] as const;

export const PERMISSIONS: Record<CommandName, Permission> = {
  'system.health': 'anyone',
  'system.echo': 'anyone',
  'auth.status': 'anyone',
  'auth.setup': 'anyone',
  'auth.signIn': 'anyone',
  'auth.signOut': 'anyone',
  'people.list': 'signed-in',
  'people.add': ['admin'],
  'people.update': ['admin'],
  'people.setPassword': 'signed-in',
  'plans.list': 'anyone',
  'plans.get': 'anyone',
  'plans.grade': 'anyone',
  'plans.flowchart': 'anyone',
  'plans.legalActions': 'anyone',
  'plans.validate': 'anyone',
  'map.layers': 'anyone',
  'map.features': 'anyone',
  'map.features.compact': 'anyone',
  'map.feature.add': MAP,
  'map.feature.update': MAP,
  'map.feature.delete': MAP,
  'map.events': 'anyone',
  'map.import.preview': 'anyone',
  'map.import.commit': MAP,
  'map.export': 'anyone',
  'map.near': 'anyone',
  'map.zones': 'anyone',
  'map.pointInfo': 'anyone',
  'map.seedSamples': MAP,
  'map.boundaries': 'anyone',
  'tiles.list': 'anyone',
  'tiles.add': MAP,
  'fire.calendar': 'anyone',
  'fire.posture': 'anyone',
  'fire.danger.record': ['duty-officer', 'duty-leader', 'map-keeper'],
  'fire.danger.get': 'anyone',
  'fire.permits.get': 'anyone',
  'fire.permits.list': 'anyone',
  'fire.permits.apply': FORESTRY,
  'fire.permits.transition': FORESTRY,
  'fire.teams.tiers': 'anyone',
  'fire.ledger.list': 'anyone',
  'fire.ledger.save': FORESTRY,
  'fire.ledger.remove': FORESTRY,
  'fire.ledger.import': FORESTRY,
  'fire.ledger.export': 'anyone',
  'fire.rewards.propose': STAFF,
  'fire.rewards.act': ['duty-leader', 'office'],
  'fire.rewards.list': 'anyone',
  'incidents.open': ON_DUTY,
  'incidents.list': 'anyone',
  'incidents.get': 'anyone',
  'incidents.append': ON_DUTY,
  'incidents.note': STAFF,
  'incidents.search': 'anyone',
  'log.verify': 'anyone',
  // Writes a file into a folder: the data folder is the administrator's.
  'log.backup': ['admin'],
  'reports.view': 'anyone',
  'reports.file': STAFF,
  'reports.render': 'anyone',
  'console.board': 'anyone',
  'console.fires': 'anyone',
  'console.incident': 'anyone',
  'console.report': ON_DUTY,
  'console.act': ON_DUTY,
  'console.due': 'anyone',
  'duty.types.get': 'anyone',
  'duty.types.save': ['office', 'admin'],
  'duty.log.record': STAFF,
  'duty.log.list': 'anyone',
  'duty.log.step': STAFF,
  'duty.log.close': STAFF,
  'duty.log.promote': ON_DUTY,
  'handover.draft': 'anyone',
  'handover.start': ON_DUTY,
  'handover.accept': ON_DUTY,
  'handover.list': 'anyone',
  // The roster is kept by the office (or the administrator, or a duty leader); a swap needs a duty leader's password.
  'roster.set': ['office', 'admin', 'duty-leader'],
  'roster.list': 'anyone',
  'roster.now': 'anyone',
  'roster.export': 'anyone',
  'roster.import': ['office', 'admin', 'duty-leader'],
  'roster.swap': ['duty-officer', 'duty-leader', 'office', 'admin'],
  'contacts.list': 'anyone',
  'contacts.saveUnit': STAFF,
  'contacts.savePerson': STAFF,
  'contacts.gaps': 'anyone',
  'contacts.export': 'anyone',
  'contacts.import': STAFF,
  'rounds.list': 'anyone',
  'rounds.open': ON_DUTY,
  'rounds.record': ON_DUTY,
  'stats.office': 'anyone',
  'stats.export': 'anyone',
};
