// Case-alert rules. What each kind of alert must carry is one table, so the rules can be read (and
// changed) in one place; a recipient must be able to act on an alert without asking back.
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { v1 } from '../proto.ts';
import { checkDeadline, type PayloadContext } from './payload-context.ts';
import {
  enumSet, keyedIdentifiers, location, nationalityCode, optionalText, reportDuplicates, requiredText, route, unixMs,
} from './proto-fields.ts';

const KIND = v1.CaseAlertKind;
const ROLE = v1.RouteRole;
const ACTION = v1.RequestedAction;

interface KindRequirements {
  /** How the kind is named in messages. */
  readonly label: string;
  /** At least one victim group: the alert is about identified persons. */
  readonly victims?: boolean;
  /** Either victim groups or a route: whom or which movement to watch for. */
  readonly victimsOrRoute?: boolean;
  /** A location (its state is always required): where to act. */
  readonly location?: boolean;
  /** A route holding these roles. */
  readonly routeRoles?: readonly v1.RouteRole[];
  /** This action among requested_actions. */
  readonly action?: v1.RequestedAction;
  /** A reply deadline: lives are at risk, so silence must be noticed. */
  readonly replyDeadline?: boolean;
  /** How recruitment happens is the whole point of the alert (RECRUITMENT_CHANNEL_UNKNOWN is allowed). */
  readonly recruitmentChannel?: boolean;
}

/**
 * - rescue request: victims, a location, a route with a destination (where the compound is),
 *   REQUESTED_ACTION_RESCUE and a reply deadline;
 * - missing person: victims (the missing persons, with hashed identifiers for matching);
 * - suspected recruitment: the recruitment channel;
 * - compound location: a location;
 * - repatriation notice: victims, and a route from the destination back to the origin state;
 * - border watch: victims or a route.
 * Any route given runs from an origin to a destination (proto-fields.ts).
 */
export const CASE_ALERT_REQUIREMENTS: Readonly<Record<number, KindRequirements>> = Object.freeze({
  [KIND.CASE_ALERT_KIND_RESCUE_REQUEST]: {
    label: 'a rescue request', victims: true, location: true, routeRoles: [ROLE.ROUTE_ROLE_DESTINATION],
    action: ACTION.REQUESTED_ACTION_RESCUE, replyDeadline: true,
  },
  [KIND.CASE_ALERT_KIND_MISSING_PERSON]: { label: 'a missing-person alert', victims: true },
  [KIND.CASE_ALERT_KIND_SUSPECTED_RECRUITMENT]: { label: 'a suspected-recruitment alert', recruitmentChannel: true },
  [KIND.CASE_ALERT_KIND_COMPOUND_LOCATION]: { label: 'a compound-location alert', location: true },
  [KIND.CASE_ALERT_KIND_REPATRIATION_NOTICE]: {
    label: 'a repatriation notice', victims: true, routeRoles: [ROLE.ROUTE_ROLE_ORIGIN, ROLE.ROUTE_ROLE_DESTINATION],
  },
  [KIND.CASE_ALERT_KIND_BORDER_WATCH]: { label: 'a border watch', victimsOrRoute: true },
});

export const victimGroup = z.object({
  count: z.number().int().min(1, 'must be at least 1 (a group holds at least one person)'),
  ageBand: enumSet(v1.AgeBand, 'AgeBand'),
  gender: enumSet(v1.Gender, 'Gender'),
  nationality: nationalityCode,
  identifiers: keyedIdentifiers,
});

const recruitmentChannelNames = new Set(Object.values(v1.RecruitmentChannel).filter((value) => typeof value === 'number'));

export function caseAlertSchema(context: PayloadContext) {
  return z.object({
    kind: enumSet(KIND, 'CaseAlertKind'),
    summary: requiredText(LIMITS.maxSummaryChars, { multiline: true }),
    route: route.nullable(),
    victims: z.array(victimGroup).max(LIMITS.maxVictimGroupsPerAlert),
    location: location.nullable(),
    // Zero is allowed here; kinds that need it say so in the table.
    recruitmentChannel: z.number().refine((value) => recruitmentChannelNames.has(value), 'is not a known RecruitmentChannel value'),
    recruitmentPlatform: optionalText(LIMITS.maxShortTextChars),
    requestedActions: z.array(enumSet(ACTION, 'RequestedAction')),
    replyDeadlineUnixMs: unixMs,
  }).superRefine((alert, ctx) => {
    reportDuplicates(alert.requestedActions, ctx, ['requestedActions'], (action) => ACTION[action] ?? `action ${action}`);
    const needs = CASE_ALERT_REQUIREMENTS[alert.kind];
    const legs = alert.route?.legs ?? [];
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    checkDeadline(alert.replyDeadlineUnixMs, context, ctx, ['replyDeadlineUnixMs'], needs?.replyDeadline ? `for ${needs.label}` : undefined);
    if (context.envelope.distributionMode === v1.DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES && legs.length === 0) {
      report(['route'], 'is required when the envelope uses ROUTE_ROLES distribution');
    }
    if (!needs) return; // kind UNSPECIFIED: reported on kind
    if (needs.victims && alert.victims.length === 0) report(['victims'], `must list at least one victim group for ${needs.label}`);
    if (needs.victimsOrRoute && alert.victims.length === 0 && legs.length === 0) {
      report(['victims'], `${needs.label} needs at least one victim group or a route`);
    }
    if (needs.location && alert.location === null) report(['location'], `is required for ${needs.label}`);
    if (needs.routeRoles && legs.length === 0) {
      const roles = needs.routeRoles.map((role) => ROLE[role]).join(' and ');
      report(['route'], `is required for ${needs.label} (with ${roles} legs)`);
    }
    if (needs.action !== undefined && !alert.requestedActions.includes(needs.action)) {
      report(['requestedActions'], `must include ${ACTION[needs.action]} for ${needs.label}`);
    }
    if (needs.recruitmentChannel && alert.recruitmentChannel === v1.RecruitmentChannel.RECRUITMENT_CHANNEL_UNSPECIFIED) {
      report(['recruitmentChannel'], `must be set for ${needs.label} (use RECRUITMENT_CHANNEL_UNKNOWN when it is not known)`);
    }
  });
}
