// Who is signed in and what the dashboard is showing: one small shared record.
export const session = { node: '', caller: undefined, view: undefined, page: undefined, source: undefined };

/** The signed-in caller holds this permission (read, acknowledge, answer, send, retract, audit). */
export const may = (permission) => Boolean(session.caller?.permissions?.includes(permission));
