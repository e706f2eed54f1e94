import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace asean. */
export namespace asean {

    /** Namespace tip. */
    namespace tip {

        /** Namespace v1. */
        namespace v1 {

            /** Where a message stands for one recipient. */
            enum AcknowledgementStatus {

                /** Not set; rejected by validation. */
                ACKNOWLEDGEMENT_STATUS_UNSPECIFIED = 0,

                /** The hub durably wrote the delivery to the recipient's inbox (sent by the hub). */
                ACKNOWLEDGEMENT_STATUS_DELIVERED = 1,

                /** An officer of the recipient state opened it. */
                ACKNOWLEDGEMENT_STATUS_READ = 2,

                /** The recipient state acted on it. */
                ACKNOWLEDGEMENT_STATUS_ACTIONED = 3,

                /** The hub or the recipient refused it; reason_code says why. */
                ACKNOWLEDGEMENT_STATUS_REJECTED = 4
            }

            /**
             * Properties of an Acknowledgement.
             * @deprecated Use asean.tip.v1.Acknowledgement.$Properties instead.
             */
            interface IAcknowledgement extends asean.tip.v1.Acknowledgement.$Properties {
            }

            /** An acknowledgement of one message by one state (or by the hub on its behalf). */
            class Acknowledgement {

                /**
                 * Constructs a new Acknowledgement.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Acknowledgement.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** message_id of the message acknowledged. */
                acknowledgedMessageId: string;

                /** Where it stands. */
                status: asean.tip.v1.AcknowledgementStatus;

                /** ISO 3166-1 alpha-3 code of the state whose status this is ("HUB" for hub rejections). */
                acknowledgingState: string;

                /** For REJECTED: a code from the reason-code table (e.g. "SIGNATURE_INVALID"). */
                reasonCode: string;

                /** For REJECTED: a readable explanation for the operator. */
                reason: string;

                /** When the status was reached, Unix ms. */
                atUnixMs: number;

                /** Optional note from the officer (e.g. "rescue team dispatched"), without personal data. */
                note: string;

                /**
                 * Creates a new Acknowledgement instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Acknowledgement instance
                 */
                static create(properties: asean.tip.v1.Acknowledgement.$Shape): asean.tip.v1.Acknowledgement & asean.tip.v1.Acknowledgement.$Shape;
                static create(properties?: asean.tip.v1.Acknowledgement.$Properties): asean.tip.v1.Acknowledgement;

                /**
                 * Encodes the specified Acknowledgement message. Does not implicitly {@link asean.tip.v1.Acknowledgement.verify|verify} messages.
                 * @param message Acknowledgement message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Acknowledgement.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Acknowledgement message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Acknowledgement & asean.tip.v1.Acknowledgement.$Shape} Acknowledgement
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Acknowledgement & asean.tip.v1.Acknowledgement.$Shape;

                /**
                 * Verifies an Acknowledgement message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Acknowledgement message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Acknowledgement
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Acknowledgement;

                /**
                 * Creates a plain object from an Acknowledgement message. Also converts values to other types if specified.
                 * @param message Acknowledgement
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Acknowledgement, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Acknowledgement to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Acknowledgement
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Acknowledgement {

                /** Properties of an Acknowledgement. */
                interface $Properties {

                    /** message_id of the message acknowledged. */
                    acknowledgedMessageId?: string;

                    /** Where it stands. */
                    status?: asean.tip.v1.AcknowledgementStatus;

                    /** ISO 3166-1 alpha-3 code of the state whose status this is ("HUB" for hub rejections). */
                    acknowledgingState?: string;

                    /** For REJECTED: a code from the reason-code table (e.g. "SIGNATURE_INVALID"). */
                    reasonCode?: string;

                    /** For REJECTED: a readable explanation for the operator. */
                    reason?: string;

                    /** When the status was reached, Unix ms. */
                    atUnixMs?: number;

                    /** Optional note from the officer (e.g. "rescue team dispatched"), without personal data. */
                    note?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Acknowledgement. */
                type $Shape = asean.tip.v1.Acknowledgement.$Properties;
            }

            /** What kind of help is asked for. */
            enum AssistanceKind {

                /** Not set; rejected by validation. */
                ASSISTANCE_KIND_UNSPECIFIED = 0,

                /** Rescue victims from a compound. */
                ASSISTANCE_KIND_RESCUE = 1,

                /** Return victims to their country. */
                ASSISTANCE_KIND_REPATRIATION = 2,

                /** Shelter and protect victims. */
                ASSISTANCE_KIND_SHELTER = 3,

                /** Freeze accounts or wallets (through the financial intelligence unit). */
                ASSISTANCE_KIND_FINANCIAL_FREEZE = 4,

                /** Share the detail behind a hit notice or report. */
                ASSISTANCE_KIND_INFORMATION = 5,

                /** Formally identify victims. */
                ASSISTANCE_KIND_VICTIM_IDENTIFICATION = 6
            }

            /**
             * Properties of an AssistanceRequest.
             * @deprecated Use asean.tip.v1.AssistanceRequest.$Properties instead.
             */
            interface IAssistanceRequest extends asean.tip.v1.AssistanceRequest.$Properties {
            }

            /** A request from one state to another; a reply is due by the deadline. */
            class AssistanceRequest {

                /**
                 * Constructs a new AssistanceRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.AssistanceRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** What is asked for. */
                kind: asean.tip.v1.AssistanceKind;

                /** ISO 3166-1 alpha-3 code of the state asked to act; must be a recipient of the envelope. */
                requestedState: string;

                /** What is needed and why, without personal data (at most 2,000 characters). */
                summary: string;

                /** message_id of the alert, report or hit notice this request is about; empty if none. */
                relatedMessageId: string;

                /** When a response is due, Unix ms; required, and after the envelope's created_at_unix_ms. */
                replyDeadlineUnixMs: number;

                /** How many persons the request concerns; 0 when not about persons (e.g. a freeze). */
                personsCount: number;

                /** Keyed hashes of the persons' or accounts' identifiers, for matching. */
                identifiers: asean.tip.v1.KeyedIdentifier[];

                /** Where help is needed, if relevant. */
                location: asean.tip.v1.Location;

                /**
                 * The hit this request follows up (HitNotice.hit_id or QueryHit.hit_id); empty if none. The hub
                 * checks that the hit was reported to the sender and that requested_state is its counterpart
                 * (UNKNOWN_HIT, NOT_HIT_COUNTERPART); the counterpart's officers see which hit it concerns.
                 */
                followsUpHitId: string;

                /**
                 * Creates a new AssistanceRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AssistanceRequest instance
                 */
                static create(properties: asean.tip.v1.AssistanceRequest.$Shape): asean.tip.v1.AssistanceRequest & asean.tip.v1.AssistanceRequest.$Shape;
                static create(properties?: asean.tip.v1.AssistanceRequest.$Properties): asean.tip.v1.AssistanceRequest;

                /**
                 * Encodes the specified AssistanceRequest message. Does not implicitly {@link asean.tip.v1.AssistanceRequest.verify|verify} messages.
                 * @param message AssistanceRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.AssistanceRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AssistanceRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.AssistanceRequest & asean.tip.v1.AssistanceRequest.$Shape} AssistanceRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.AssistanceRequest & asean.tip.v1.AssistanceRequest.$Shape;

                /**
                 * Verifies an AssistanceRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an AssistanceRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AssistanceRequest
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.AssistanceRequest;

                /**
                 * Creates a plain object from an AssistanceRequest message. Also converts values to other types if specified.
                 * @param message AssistanceRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.AssistanceRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AssistanceRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for AssistanceRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace AssistanceRequest {

                /** Properties of an AssistanceRequest. */
                interface $Properties {

                    /** What is asked for. */
                    kind?: asean.tip.v1.AssistanceKind;

                    /** ISO 3166-1 alpha-3 code of the state asked to act; must be a recipient of the envelope. */
                    requestedState?: string;

                    /** What is needed and why, without personal data (at most 2,000 characters). */
                    summary?: string;

                    /** message_id of the alert, report or hit notice this request is about; empty if none. */
                    relatedMessageId?: string;

                    /** When a response is due, Unix ms; required, and after the envelope's created_at_unix_ms. */
                    replyDeadlineUnixMs?: number;

                    /** How many persons the request concerns; 0 when not about persons (e.g. a freeze). */
                    personsCount?: number;

                    /** Keyed hashes of the persons' or accounts' identifiers, for matching. */
                    identifiers?: asean.tip.v1.KeyedIdentifier.$Properties[];

                    /** Where help is needed, if relevant. */
                    location?: asean.tip.v1.Location.$Properties;

                    /**
                     * The hit this request follows up (HitNotice.hit_id or QueryHit.hit_id); empty if none. The hub
                     * checks that the hit was reported to the sender and that requested_state is its counterpart
                     * (UNKNOWN_HIT, NOT_HIT_COUNTERPART); the counterpart's officers see which hit it concerns.
                     */
                    followsUpHitId?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AssistanceRequest. */
                type $Shape = asean.tip.v1.AssistanceRequest.$Properties;
            }

            /** The answer to an assistance request. */
            enum AssistanceOutcome {

                /** Not set; rejected by validation. */
                ASSISTANCE_OUTCOME_UNSPECIFIED = 0,

                /** Accepted; work will start. */
                ASSISTANCE_OUTCOME_ACCEPTED = 1,

                /** Under way; more responses follow. */
                ASSISTANCE_OUTCOME_IN_PROGRESS = 2,

                /** Done. */
                ASSISTANCE_OUTCOME_COMPLETED = 3,

                /** Declined; the summary says why. */
                ASSISTANCE_OUTCOME_DECLINED = 4,

                /** More information is needed before acting. */
                ASSISTANCE_OUTCOME_NEEDS_INFORMATION = 5,

                /**
                 * The answer is late: summary gives the reason and expected_completion_unix_ms the new time by
                 * which the requested state will answer (both required; the time is in the future). It moves the
                 * answering state's deadline to that time; it does not settle the request.
                 */
                ASSISTANCE_OUTCOME_DELAYED = 6
            }

            /**
             * Properties of an AssistanceResponse.
             * @deprecated Use asean.tip.v1.AssistanceResponse.$Properties instead.
             */
            interface IAssistanceResponse extends asean.tip.v1.AssistanceResponse.$Properties {
            }

            /** A response to an assistance request. The envelope's in_reply_to also names the request. */
            class AssistanceResponse {

                /**
                 * Constructs a new AssistanceResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.AssistanceResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** message_id of the request answered. */
                requestMessageId: string;

                /** The answer. */
                outcome: asean.tip.v1.AssistanceOutcome;

                /** Details, without personal data (at most 2,000 characters). */
                summary: string;

                /** How many persons were assisted so far. */
                personsAssisted: number;

                /**
                 * When the work is expected to be complete, Unix ms; 0 when unknown. Required for DELAYED, and
                 * then after the envelope's created_at_unix_ms.
                 */
                expectedCompletionUnixMs: number;

                /**
                 * Creates a new AssistanceResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AssistanceResponse instance
                 */
                static create(properties: asean.tip.v1.AssistanceResponse.$Shape): asean.tip.v1.AssistanceResponse & asean.tip.v1.AssistanceResponse.$Shape;
                static create(properties?: asean.tip.v1.AssistanceResponse.$Properties): asean.tip.v1.AssistanceResponse;

                /**
                 * Encodes the specified AssistanceResponse message. Does not implicitly {@link asean.tip.v1.AssistanceResponse.verify|verify} messages.
                 * @param message AssistanceResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.AssistanceResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AssistanceResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.AssistanceResponse & asean.tip.v1.AssistanceResponse.$Shape} AssistanceResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.AssistanceResponse & asean.tip.v1.AssistanceResponse.$Shape;

                /**
                 * Verifies an AssistanceResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an AssistanceResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AssistanceResponse
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.AssistanceResponse;

                /**
                 * Creates a plain object from an AssistanceResponse message. Also converts values to other types if specified.
                 * @param message AssistanceResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.AssistanceResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AssistanceResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for AssistanceResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace AssistanceResponse {

                /** Properties of an AssistanceResponse. */
                interface $Properties {

                    /** message_id of the request answered. */
                    requestMessageId?: string;

                    /** The answer. */
                    outcome?: asean.tip.v1.AssistanceOutcome;

                    /** Details, without personal data (at most 2,000 characters). */
                    summary?: string;

                    /** How many persons were assisted so far. */
                    personsAssisted?: number;

                    /**
                     * When the work is expected to be complete, Unix ms; 0 when unknown. Required for DELAYED, and
                     * then after the envelope's created_at_unix_ms.
                     */
                    expectedCompletionUnixMs?: number;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AssistanceResponse. */
                type $Shape = asean.tip.v1.AssistanceResponse.$Properties;
            }

            /** The part a state plays in a trafficking route, as the ASEAN declaration frames it. */
            enum RouteRole {

                /** Not set; rejected by validation. */
                ROUTE_ROLE_UNSPECIFIED = 0,

                /** The victims' country of nationality or residence, where recruitment usually happens. */
                ROUTE_ROLE_ORIGIN = 1,

                /** A country the victims pass through on the way to the compound. */
                ROUTE_ROLE_TRANSIT = 2,

                /** The country where the compound or place of exploitation is. */
                ROUTE_ROLE_DESTINATION = 3
            }

            /**
             * Properties of a RouteLeg.
             * @deprecated Use asean.tip.v1.RouteLeg.$Properties instead.
             */
            interface IRouteLeg extends asean.tip.v1.RouteLeg.$Properties {
            }

            /** One state on a route and the role it plays there. */
            class RouteLeg {

                /**
                 * Constructs a new RouteLeg.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.RouteLeg.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ISO 3166-1 alpha-3 code of the state, upper case (e.g. "IDN"). */
                state: string;

                /** The role this state plays on the route. */
                role: asean.tip.v1.RouteRole;

                /** Optional place within the state (city, border crossing, airport), free text without personal data. */
                place: string;

                /**
                 * Creates a new RouteLeg instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RouteLeg instance
                 */
                static create(properties: asean.tip.v1.RouteLeg.$Shape): asean.tip.v1.RouteLeg & asean.tip.v1.RouteLeg.$Shape;
                static create(properties?: asean.tip.v1.RouteLeg.$Properties): asean.tip.v1.RouteLeg;

                /**
                 * Encodes the specified RouteLeg message. Does not implicitly {@link asean.tip.v1.RouteLeg.verify|verify} messages.
                 * @param message RouteLeg message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.RouteLeg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RouteLeg message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.RouteLeg & asean.tip.v1.RouteLeg.$Shape} RouteLeg
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.RouteLeg & asean.tip.v1.RouteLeg.$Shape;

                /**
                 * Verifies a RouteLeg message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a RouteLeg message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns RouteLeg
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.RouteLeg;

                /**
                 * Creates a plain object from a RouteLeg message. Also converts values to other types if specified.
                 * @param message RouteLeg
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.RouteLeg, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this RouteLeg to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for RouteLeg
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace RouteLeg {

                /** Properties of a RouteLeg. */
                interface $Properties {

                    /** ISO 3166-1 alpha-3 code of the state, upper case (e.g. "IDN"). */
                    state?: string;

                    /** The role this state plays on the route. */
                    role?: asean.tip.v1.RouteRole;

                    /** Optional place within the state (city, border crossing, airport), free text without personal data. */
                    place?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RouteLeg. */
                type $Shape = asean.tip.v1.RouteLeg.$Properties;
            }

            /**
             * Properties of a Route.
             * @deprecated Use asean.tip.v1.Route.$Properties instead.
             */
            interface IRoute extends asean.tip.v1.Route.$Properties {
            }

            /** The path victims took or are taking: at least one origin and one destination leg. */
            class Route {

                /**
                 * Constructs a new Route.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Route.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Legs in travel order: origin first, destination last. */
                legs: asean.tip.v1.RouteLeg[];

                /**
                 * Creates a new Route instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Route instance
                 */
                static create(properties: asean.tip.v1.Route.$Shape): asean.tip.v1.Route & asean.tip.v1.Route.$Shape;
                static create(properties?: asean.tip.v1.Route.$Properties): asean.tip.v1.Route;

                /**
                 * Encodes the specified Route message. Does not implicitly {@link asean.tip.v1.Route.verify|verify} messages.
                 * @param message Route message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Route.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Route message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Route & asean.tip.v1.Route.$Shape} Route
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Route & asean.tip.v1.Route.$Shape;

                /**
                 * Verifies a Route message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Route message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Route
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Route;

                /**
                 * Creates a plain object from a Route message. Also converts values to other types if specified.
                 * @param message Route
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Route, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Route to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Route
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Route {

                /** Properties of a Route. */
                interface $Properties {

                    /** Legs in travel order: origin first, destination last. */
                    legs?: asean.tip.v1.RouteLeg.$Properties[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Route. */
                type $Shape = asean.tip.v1.Route.$Properties;
            }

            /**
             * Properties of a Location.
             * @deprecated Use asean.tip.v1.Location.$Properties instead.
             */
            interface ILocation extends asean.tip.v1.Location.$Properties {
            }

            /** A place, precise only as far as the sender chooses to disclose. */
            class Location {

                /**
                 * Constructs a new Location.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Location.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ISO 3166-1 alpha-3 code of the state the place is in. */
                state: string;

                /** Human-readable name (e.g. "Sihanoukville", "KK Park, Myawaddy"). */
                placeName: string;

                /** WGS 84 latitude in degrees; meaningful only when has_coordinates is true. */
                latitude: number;

                /** WGS 84 longitude in degrees; meaningful only when has_coordinates is true. */
                longitude: number;

                /** Whether latitude and longitude are set (0,0 is a real point, so presence is explicit). */
                hasCoordinates: boolean;

                /** Radius in metres within which the place is known to be; 0 when unknown. */
                precisionMeters: number;

                /**
                 * Creates a new Location instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Location instance
                 */
                static create(properties: asean.tip.v1.Location.$Shape): asean.tip.v1.Location & asean.tip.v1.Location.$Shape;
                static create(properties?: asean.tip.v1.Location.$Properties): asean.tip.v1.Location;

                /**
                 * Encodes the specified Location message. Does not implicitly {@link asean.tip.v1.Location.verify|verify} messages.
                 * @param message Location message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Location.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Location message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Location & asean.tip.v1.Location.$Shape} Location
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Location & asean.tip.v1.Location.$Shape;

                /**
                 * Verifies a Location message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Location message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Location
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Location;

                /**
                 * Creates a plain object from a Location message. Also converts values to other types if specified.
                 * @param message Location
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Location, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Location to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Location
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Location {

                /** Properties of a Location. */
                interface $Properties {

                    /** ISO 3166-1 alpha-3 code of the state the place is in. */
                    state?: string;

                    /** Human-readable name (e.g. "Sihanoukville", "KK Park, Myawaddy"). */
                    placeName?: string;

                    /** WGS 84 latitude in degrees; meaningful only when has_coordinates is true. */
                    latitude?: number;

                    /** WGS 84 longitude in degrees; meaningful only when has_coordinates is true. */
                    longitude?: number;

                    /** Whether latitude and longitude are set (0,0 is a real point, so presence is explicit). */
                    hasCoordinates?: boolean;

                    /** Radius in metres within which the place is known to be; 0 when unknown. */
                    precisionMeters?: number;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Location. */
                type $Shape = asean.tip.v1.Location.$Properties;
            }

            /**
             * What a keyed hash stands for. Each value is trimmed and normalised before hashing as
             * docs/wire-contract.md section 9 says; nothing is ever added to it (no bank code, platform or
             * calling code), so the same identifier hashes the same in every state.
             */
            enum IdentifierKind {

                /** Not set; rejected by validation. */
                IDENTIFIER_KIND_UNSPECIFIED = 0,

                /** Passport number: upper case, spaces, dashes and dots removed. */
                IDENTIFIER_KIND_PASSPORT = 1,

                /**
                 * Phone number in E.164 ("+" and 7 to 15 digits). It must be given in international form ("+" or
                 * "00", then the country code); a national number such as "0812..." is refused, never completed.
                 */
                IDENTIFIER_KIND_PHONE = 2,

                /** National identity number: upper case, spaces, dashes and dots removed. */
                IDENTIFIER_KIND_NATIONAL_ID = 3,

                /** Bank account number as the bank writes it: upper case, spaces, dashes and dots removed. */
                IDENTIFIER_KIND_BANK_ACCOUNT = 4,

                /**
                 * E-wallet: a value in international phone form ("+" or "00", then digits) is normalised as a
                 * phone number; anything else is an account name, lower case.
                 */
                IDENTIFIER_KIND_E_WALLET = 5,

                /** E-mail address, lower case. */
                IDENTIFIER_KIND_EMAIL = 6,

                /** Social-media or messaging handle: lower case, a leading "@" dropped, no platform prefix. */
                IDENTIFIER_KIND_SOCIAL_HANDLE = 7,

                /** Crypto-currency wallet address, as written on chain (case kept). */
                IDENTIFIER_KIND_CRYPTO_WALLET = 8
            }

            /**
             * Properties of a KeyedIdentifier.
             * @deprecated Use asean.tip.v1.KeyedIdentifier.$Properties instead.
             */
            interface IKeyedIdentifier extends asean.tip.v1.KeyedIdentifier.$Properties {
            }

            /** A personal identifier replaced by a keyed hash (HMAC-SHA-256), so states can match without disclosing. */
            class KeyedIdentifier {

                /**
                 * Constructs a new KeyedIdentifier.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.KeyedIdentifier.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** What the hashed value is. */
                kind: asean.tip.v1.IdentifierKind;

                /**
                 * Id of the regional matching key that produced the digest: the "id" of the matching key file
                 * (docs/wire-contract.md section 7). Keys rotate; the hub never holds them.
                 */
                hashKeyId: string;

                /** HMAC-SHA-256 of the normalised value under that key: exactly 32 bytes. */
                digest: Uint8Array;

                /**
                 * Creates a new KeyedIdentifier instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns KeyedIdentifier instance
                 */
                static create(properties: asean.tip.v1.KeyedIdentifier.$Shape): asean.tip.v1.KeyedIdentifier & asean.tip.v1.KeyedIdentifier.$Shape;
                static create(properties?: asean.tip.v1.KeyedIdentifier.$Properties): asean.tip.v1.KeyedIdentifier;

                /**
                 * Encodes the specified KeyedIdentifier message. Does not implicitly {@link asean.tip.v1.KeyedIdentifier.verify|verify} messages.
                 * @param message KeyedIdentifier message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.KeyedIdentifier.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a KeyedIdentifier message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.KeyedIdentifier & asean.tip.v1.KeyedIdentifier.$Shape} KeyedIdentifier
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.KeyedIdentifier & asean.tip.v1.KeyedIdentifier.$Shape;

                /**
                 * Verifies a KeyedIdentifier message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a KeyedIdentifier message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns KeyedIdentifier
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.KeyedIdentifier;

                /**
                 * Creates a plain object from a KeyedIdentifier message. Also converts values to other types if specified.
                 * @param message KeyedIdentifier
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.KeyedIdentifier, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this KeyedIdentifier to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for KeyedIdentifier
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace KeyedIdentifier {

                /** Properties of a KeyedIdentifier. */
                interface $Properties {

                    /** What the hashed value is. */
                    kind?: asean.tip.v1.IdentifierKind;

                    /**
                     * Id of the regional matching key that produced the digest: the "id" of the matching key file
                     * (docs/wire-contract.md section 7). Keys rotate; the hub never holds them.
                     */
                    hashKeyId?: string;

                    /** HMAC-SHA-256 of the normalised value under that key: exactly 32 bytes. */
                    digest?: Uint8Array;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a KeyedIdentifier. */
                type $Shape = asean.tip.v1.KeyedIdentifier.$Properties;
            }

            /** What the alert is about. */
            enum CaseAlertKind {

                /** Not set; rejected by validation. */
                CASE_ALERT_KIND_UNSPECIFIED = 0,

                /** Victims held now who need rescue. */
                CASE_ALERT_KIND_RESCUE_REQUEST = 1,

                /** A person reported missing, believed trafficked. */
                CASE_ALERT_KIND_MISSING_PERSON = 2,

                /** Recruitment under way (fake job offer, social-media lure) before anyone has left. */
                CASE_ALERT_KIND_SUSPECTED_RECRUITMENT = 3,

                /** The location of a scam compound. */
                CASE_ALERT_KIND_COMPOUND_LOCATION = 4,

                /** Victims about to be, or being, returned to their country. */
                CASE_ALERT_KIND_REPATRIATION_NOTICE = 5,

                /** Watch the borders for named (hashed) persons or a group on the move. */
                CASE_ALERT_KIND_BORDER_WATCH = 6
            }

            /** Age ranges instead of birth dates, to minimise personal data. */
            enum AgeBand {

                /** Not set; rejected by validation. */
                AGE_BAND_UNSPECIFIED = 0,

                /** Under 18: a child victim, handled with priority. */
                AGE_BAND_UNDER_18 = 1,

                /** 18 to 24 years. */
                AGE_BAND_18_TO_24 = 2,

                /** 25 to 34 years. */
                AGE_BAND_25_TO_34 = 3,

                /** 35 to 49 years. */
                AGE_BAND_35_TO_49 = 4,

                /** 50 years or older. */
                AGE_BAND_50_AND_OVER = 5,

                /** Not known to the sender. */
                AGE_BAND_UNKNOWN = 6
            }

            /** Gender as recorded by the reporting agency. */
            enum Gender {

                /** Not set; rejected by validation. */
                GENDER_UNSPECIFIED = 0,

                /** Female. */
                GENDER_FEMALE = 1,

                /** Male. */
                GENDER_MALE = 2,

                /** Another gender. */
                GENDER_OTHER = 3,

                /** Not known to the sender. */
                GENDER_UNKNOWN = 4
            }

            /** How the victims were recruited. */
            enum RecruitmentChannel {

                /** Not set; allowed when unknown only as RECRUITMENT_CHANNEL_UNKNOWN. */
                RECRUITMENT_CHANNEL_UNSPECIFIED = 0,

                /** A social-media platform (post, page, group, direct message). */
                RECRUITMENT_CHANNEL_SOCIAL_MEDIA = 1,

                /** A messaging application (chat group or direct chat). */
                RECRUITMENT_CHANNEL_MESSAGING_APP = 2,

                /** An online job portal or classified advertisement. */
                RECRUITMENT_CHANNEL_JOB_PORTAL = 3,

                /** A recruitment or placement agency, licensed or not. */
                RECRUITMENT_CHANNEL_RECRUITMENT_AGENCY = 4,

                /** A friend, relative or acquaintance. */
                RECRUITMENT_CHANNEL_PERSONAL_CONTACT = 5,

                /** Something else, described in the summary. */
                RECRUITMENT_CHANNEL_OTHER = 6,

                /** Not known to the sender. */
                RECRUITMENT_CHANNEL_UNKNOWN = 7
            }

            /** What the sender asks recipients to do. */
            enum RequestedAction {

                /** Not set; rejected by validation. */
                REQUESTED_ACTION_UNSPECIFIED = 0,

                /** Rescue the victims from where they are held. */
                REQUESTED_ACTION_RESCUE = 1,

                /** Find where a person or group is. */
                REQUESTED_ACTION_LOCATE = 2,

                /** Provide shelter and protection. */
                REQUESTED_ACTION_SHELTER = 3,

                /** Return victims to their country. */
                REQUESTED_ACTION_REPATRIATE = 4,

                /** Watch border crossings. */
                REQUESTED_ACTION_BORDER_WATCH = 5,

                /** Freeze bank accounts, e-wallets or crypto wallets. */
                REQUESTED_ACTION_FINANCIAL_FREEZE = 6,

                /** Open or support a criminal investigation of the perpetrators. */
                REQUESTED_ACTION_INVESTIGATE = 7,

                /** Have recruitment posts, accounts or job ads taken down. */
                REQUESTED_ACTION_TAKE_DOWN_CONTENT = 8,

                /** Formally identify victims, so they are protected and not prosecuted. */
                REQUESTED_ACTION_VICTIM_IDENTIFICATION = 9,

                /** Support rehabilitation and reintegration after return. */
                REQUESTED_ACTION_REINTEGRATION = 10
            }

            /**
             * Properties of a VictimGroup.
             * @deprecated Use asean.tip.v1.VictimGroup.$Properties instead.
             */
            interface IVictimGroup extends asean.tip.v1.VictimGroup.$Properties {
            }

            /** A group of victims sharing the same profile. Never names, never clear identifiers. */
            class VictimGroup {

                /**
                 * Constructs a new VictimGroup.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.VictimGroup.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** How many persons the group holds (at least 1). */
                count: number;

                /** Their age band. */
                ageBand: asean.tip.v1.AgeBand;

                /** Their gender. */
                gender: asean.tip.v1.Gender;

                /** ISO 3166-1 alpha-3 code of their nationality. */
                nationality: string;

                /** Keyed hashes of their passports, phones and other identifiers, for matching across states. */
                identifiers: asean.tip.v1.KeyedIdentifier[];

                /**
                 * Creates a new VictimGroup instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns VictimGroup instance
                 */
                static create(properties: asean.tip.v1.VictimGroup.$Shape): asean.tip.v1.VictimGroup & asean.tip.v1.VictimGroup.$Shape;
                static create(properties?: asean.tip.v1.VictimGroup.$Properties): asean.tip.v1.VictimGroup;

                /**
                 * Encodes the specified VictimGroup message. Does not implicitly {@link asean.tip.v1.VictimGroup.verify|verify} messages.
                 * @param message VictimGroup message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.VictimGroup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a VictimGroup message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.VictimGroup & asean.tip.v1.VictimGroup.$Shape} VictimGroup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.VictimGroup & asean.tip.v1.VictimGroup.$Shape;

                /**
                 * Verifies a VictimGroup message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a VictimGroup message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns VictimGroup
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.VictimGroup;

                /**
                 * Creates a plain object from a VictimGroup message. Also converts values to other types if specified.
                 * @param message VictimGroup
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.VictimGroup, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this VictimGroup to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for VictimGroup
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace VictimGroup {

                /** Properties of a VictimGroup. */
                interface $Properties {

                    /** How many persons the group holds (at least 1). */
                    count?: number;

                    /** Their age band. */
                    ageBand?: asean.tip.v1.AgeBand;

                    /** Their gender. */
                    gender?: asean.tip.v1.Gender;

                    /** ISO 3166-1 alpha-3 code of their nationality. */
                    nationality?: string;

                    /** Keyed hashes of their passports, phones and other identifiers, for matching across states. */
                    identifiers?: asean.tip.v1.KeyedIdentifier.$Properties[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a VictimGroup. */
                type $Shape = asean.tip.v1.VictimGroup.$Properties;
            }

            /**
             * Properties of a CaseAlert.
             * @deprecated Use asean.tip.v1.CaseAlert.$Properties instead.
             */
            interface ICaseAlert extends asean.tip.v1.CaseAlert.$Properties {
            }

            /** A case alert: the most common message on the hub. */
            class CaseAlert {

                /**
                 * Constructs a new CaseAlert.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.CaseAlert.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** What the alert is about. */
                kind: asean.tip.v1.CaseAlertKind;

                /** Short description for the officers, without personal data (at most 2,000 characters). */
                summary: string;

                /** Origin, transit and destination states. */
                route: asean.tip.v1.Route;

                /** The victims concerned, grouped by profile; required for rescue, missing-person and repatriation alerts. */
                victims: asean.tip.v1.VictimGroup[];

                /** Where the victims or the compound are; required for rescue and compound-location alerts. */
                location: asean.tip.v1.Location;

                /** How the victims were recruited. */
                recruitmentChannel: asean.tip.v1.RecruitmentChannel;

                /** Platform or service used to recruit (e.g. "Facebook", "Telegram"), if known. */
                recruitmentPlatform: string;

                /** What the sender asks recipients to do. */
                requestedActions: asean.tip.v1.RequestedAction[];

                /**
                 * When the sender needs a reply by, Unix ms. Required for a rescue request; for the other kinds 0
                 * means no reply is needed. When set, it is after the envelope's created_at_unix_ms.
                 */
                replyDeadlineUnixMs: number;

                /**
                 * Creates a new CaseAlert instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CaseAlert instance
                 */
                static create(properties: asean.tip.v1.CaseAlert.$Shape): asean.tip.v1.CaseAlert & asean.tip.v1.CaseAlert.$Shape;
                static create(properties?: asean.tip.v1.CaseAlert.$Properties): asean.tip.v1.CaseAlert;

                /**
                 * Encodes the specified CaseAlert message. Does not implicitly {@link asean.tip.v1.CaseAlert.verify|verify} messages.
                 * @param message CaseAlert message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.CaseAlert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CaseAlert message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.CaseAlert & asean.tip.v1.CaseAlert.$Shape} CaseAlert
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.CaseAlert & asean.tip.v1.CaseAlert.$Shape;

                /**
                 * Verifies a CaseAlert message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a CaseAlert message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CaseAlert
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.CaseAlert;

                /**
                 * Creates a plain object from a CaseAlert message. Also converts values to other types if specified.
                 * @param message CaseAlert
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.CaseAlert, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CaseAlert to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for CaseAlert
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace CaseAlert {

                /** Properties of a CaseAlert. */
                interface $Properties {

                    /** What the alert is about. */
                    kind?: asean.tip.v1.CaseAlertKind;

                    /** Short description for the officers, without personal data (at most 2,000 characters). */
                    summary?: string;

                    /** Origin, transit and destination states. */
                    route?: asean.tip.v1.Route.$Properties;

                    /** The victims concerned, grouped by profile; required for rescue, missing-person and repatriation alerts. */
                    victims?: asean.tip.v1.VictimGroup.$Properties[];

                    /** Where the victims or the compound are; required for rescue and compound-location alerts. */
                    location?: asean.tip.v1.Location.$Properties;

                    /** How the victims were recruited. */
                    recruitmentChannel?: asean.tip.v1.RecruitmentChannel;

                    /** Platform or service used to recruit (e.g. "Facebook", "Telegram"), if known. */
                    recruitmentPlatform?: string;

                    /** What the sender asks recipients to do. */
                    requestedActions?: asean.tip.v1.RequestedAction[];

                    /**
                     * When the sender needs a reply by, Unix ms. Required for a rescue request; for the other kinds 0
                     * means no reply is needed. When set, it is after the envelope's created_at_unix_ms.
                     */
                    replyDeadlineUnixMs?: number;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CaseAlert. */
                type $Shape = asean.tip.v1.CaseAlert.$Properties;
            }

            /** What the controller does. */
            enum DrillControlAction {

                /** Not set; rejected by validation. */
                DRILL_CONTROL_ACTION_UNSPECIFIED = 0,

                /** The drill starts; participants begin treating EXERCISE traffic for drill_id. */
                DRILL_CONTROL_ACTION_START = 1,

                /** The drill pauses. */
                DRILL_CONTROL_ACTION_PAUSE = 2,

                /** The drill resumes. */
                DRILL_CONTROL_ACTION_RESUME = 3,

                /** The drill ends; participants stop and report. */
                DRILL_CONTROL_ACTION_END = 4,

                /** A fault is injected (a node offline, a hub node stopped, ...), described in note. */
                DRILL_CONTROL_ACTION_INJECT_FAULT = 5,

                /** An injected fault is cleared. */
                DRILL_CONTROL_ACTION_CLEAR_FAULT = 6
            }

            /**
             * Properties of a DrillControl.
             * @deprecated Use asean.tip.v1.DrillControl.$Properties instead.
             */
            interface IDrillControl extends asean.tip.v1.DrillControl.$Properties {
            }

            /** A drill-control message; always travels with exercise = true. */
            class DrillControl {

                /**
                 * Constructs a new DrillControl.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.DrillControl.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Id of the drill. */
                drillId: string;

                /** What the controller does. */
                action: asean.tip.v1.DrillControlAction;

                /** ISO 3166-1 alpha-3 codes of the participating states. */
                participants: string[];

                /** Name of the scenario being run. */
                scenario: string;

                /** Free-text note for participants. */
                note: string;

                /** Drill time at which the action takes effect, Unix ms (drill time may run faster than wall time). */
                drillTimeUnixMs: number;

                /**
                 * START only: when the drill closes by itself if no END came first, Unix ms on the hub's
                 * clock (the clock created_at is judged by); 0 = open until END. After it the hub refuses the drill's traffic (DRILL_ENDED).
                 */
                endsAtUnixMs: number;

                /**
                 * Creates a new DrillControl instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DrillControl instance
                 */
                static create(properties: asean.tip.v1.DrillControl.$Shape): asean.tip.v1.DrillControl & asean.tip.v1.DrillControl.$Shape;
                static create(properties?: asean.tip.v1.DrillControl.$Properties): asean.tip.v1.DrillControl;

                /**
                 * Encodes the specified DrillControl message. Does not implicitly {@link asean.tip.v1.DrillControl.verify|verify} messages.
                 * @param message DrillControl message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.DrillControl.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DrillControl message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.DrillControl & asean.tip.v1.DrillControl.$Shape} DrillControl
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.DrillControl & asean.tip.v1.DrillControl.$Shape;

                /**
                 * Verifies a DrillControl message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a DrillControl message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DrillControl
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.DrillControl;

                /**
                 * Creates a plain object from a DrillControl message. Also converts values to other types if specified.
                 * @param message DrillControl
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.DrillControl, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DrillControl to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for DrillControl
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace DrillControl {

                /** Properties of a DrillControl. */
                interface $Properties {

                    /** Id of the drill. */
                    drillId?: string;

                    /** What the controller does. */
                    action?: asean.tip.v1.DrillControlAction;

                    /** ISO 3166-1 alpha-3 codes of the participating states. */
                    participants?: string[];

                    /** Name of the scenario being run. */
                    scenario?: string;

                    /** Free-text note for participants. */
                    note?: string;

                    /** Drill time at which the action takes effect, Unix ms (drill time may run faster than wall time). */
                    drillTimeUnixMs?: number;

                    /**
                     * START only: when the drill closes by itself if no END came first, Unix ms on the hub's
                     * clock (the clock created_at is judged by); 0 = open until END. After it the hub refuses the drill's traffic (DRILL_ENDED).
                     */
                    endsAtUnixMs?: number;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DrillControl. */
                type $Shape = asean.tip.v1.DrillControl.$Properties;
            }

            /** Traffic Light Protocol 2.0 handling mark (FIRST). */
            enum HandlingMark {

                /** Not set; rejected by validation. */
                HANDLING_MARK_UNSPECIFIED = 0,

                /** TLP:CLEAR, no limit on disclosure. */
                HANDLING_MARK_CLEAR = 1,

                /** TLP:GREEN, the recipients' community, not public. */
                HANDLING_MARK_GREEN = 2,

                /** TLP:AMBER, the recipients' organisations and their clients on a need-to-know basis. */
                HANDLING_MARK_AMBER = 3,

                /** TLP:AMBER+STRICT, the recipients' organisations only; a recipient may not forward it. */
                HANDLING_MARK_AMBER_STRICT = 4,

                /** TLP:RED, the named recipients only. */
                HANDLING_MARK_RED = 5
            }

            /** How fast the sender needs the recipients to act. */
            enum Priority {

                /** Not set; rejected by validation. */
                PRIORITY_UNSPECIFIED = 0,

                /** Normal business; default reply time is days. */
                PRIORITY_ROUTINE = 1,

                /** Act within days at most. */
                PRIORITY_URGENT = 2,

                /** Lives at risk now (a rescue in progress); act within hours. */
                PRIORITY_IMMEDIATE = 3
            }

            /** Which message the payload bytes hold. */
            enum PayloadType {

                /** Not set; rejected by validation. */
                PAYLOAD_TYPE_UNSPECIFIED = 0,

                /** asean.tip.v1.CaseAlert */
                PAYLOAD_TYPE_CASE_ALERT = 1,

                /** asean.tip.v1.IntelligenceReport */
                PAYLOAD_TYPE_INTELLIGENCE_REPORT = 2,

                /** asean.tip.v1.AssistanceRequest */
                PAYLOAD_TYPE_ASSISTANCE_REQUEST = 3,

                /** asean.tip.v1.AssistanceResponse */
                PAYLOAD_TYPE_ASSISTANCE_RESPONSE = 4,

                /** asean.tip.v1.Acknowledgement */
                PAYLOAD_TYPE_ACKNOWLEDGEMENT = 5,

                /** asean.tip.v1.HitNotice */
                PAYLOAD_TYPE_HIT_NOTICE = 6,

                /** asean.tip.v1.Retraction */
                PAYLOAD_TYPE_RETRACTION = 7,

                /** asean.tip.v1.DrillControl */
                PAYLOAD_TYPE_DRILL_CONTROL = 8,

                /** asean.tip.v1.HitQuery (answered by the hub, delivered to no state) */
                PAYLOAD_TYPE_HIT_QUERY = 9,

                /** asean.tip.v1.HitQueryAnswer (sent by the hub only) */
                PAYLOAD_TYPE_HIT_QUERY_ANSWER = 10
            }

            /** How the hub chooses the recipients. */
            enum DistributionMode {

                /** Not set; rejected by validation. */
                DISTRIBUTION_MODE_UNSPECIFIED = 0,

                /** Exactly the states listed in Distribution.states. */
                DISTRIBUTION_MODE_NAMED = 1,

                /** Every state holding one of Distribution.route_roles on the payload's route. */
                DISTRIBUTION_MODE_ROUTE_ROLES = 2,

                /** Every member state of the hub except the sender. Never allowed for TLP:RED. */
                DISTRIBUTION_MODE_REGIONAL_BROADCAST = 3,

                /** The members of the sharing group named in Distribution.sharing_group. Never allowed for TLP:RED. */
                DISTRIBUTION_MODE_SHARING_GROUP = 4
            }

            /**
             * Properties of a Distribution.
             * @deprecated Use asean.tip.v1.Distribution.$Properties instead.
             */
            interface IDistribution extends asean.tip.v1.Distribution.$Properties {
            }

            /** Who should receive a message. */
            class Distribution {

                /**
                 * Constructs a new Distribution.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Distribution.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** How recipients are chosen. */
                mode: asean.tip.v1.DistributionMode;

                /** ISO 3166-1 alpha-3 codes of the recipients, for DISTRIBUTION_MODE_NAMED. */
                states: string[];

                /** Route roles whose states receive the message, for DISTRIBUTION_MODE_ROUTE_ROLES. */
                routeRoles: asean.tip.v1.RouteRole[];

                /** Name of a sharing group defined in the hub's topology, for DISTRIBUTION_MODE_SHARING_GROUP. */
                sharingGroup: string;

                /**
                 * Creates a new Distribution instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Distribution instance
                 */
                static create(properties: asean.tip.v1.Distribution.$Shape): asean.tip.v1.Distribution & asean.tip.v1.Distribution.$Shape;
                static create(properties?: asean.tip.v1.Distribution.$Properties): asean.tip.v1.Distribution;

                /**
                 * Encodes the specified Distribution message. Does not implicitly {@link asean.tip.v1.Distribution.verify|verify} messages.
                 * @param message Distribution message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Distribution.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Distribution message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Distribution & asean.tip.v1.Distribution.$Shape} Distribution
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Distribution & asean.tip.v1.Distribution.$Shape;

                /**
                 * Verifies a Distribution message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Distribution message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Distribution
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Distribution;

                /**
                 * Creates a plain object from a Distribution message. Also converts values to other types if specified.
                 * @param message Distribution
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Distribution, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Distribution to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Distribution
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Distribution {

                /** Properties of a Distribution. */
                interface $Properties {

                    /** How recipients are chosen. */
                    mode?: asean.tip.v1.DistributionMode;

                    /** ISO 3166-1 alpha-3 codes of the recipients, for DISTRIBUTION_MODE_NAMED. */
                    states?: string[];

                    /** Route roles whose states receive the message, for DISTRIBUTION_MODE_ROUTE_ROLES. */
                    routeRoles?: asean.tip.v1.RouteRole[];

                    /** Name of a sharing group defined in the hub's topology, for DISTRIBUTION_MODE_SHARING_GROUP. */
                    sharingGroup?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Distribution. */
                type $Shape = asean.tip.v1.Distribution.$Properties;
            }

            /**
             * Properties of an Envelope.
             * @deprecated Use asean.tip.v1.Envelope.$Properties instead.
             */
            interface IEnvelope extends asean.tip.v1.Envelope.$Properties {
            }

            /**
             * The unit every state publishes and receives. The sender signs it (see docs/wire-contract.md,
             * "Signing input"); the hub forwards the exact bytes it received, so any recipient can verify origin.
             */
            class Envelope {

                /**
                 * Constructs a new Envelope.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Envelope.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Globally unique id chosen by the sender (UUID, lower case with dashes); also the NATS Nats-Msg-Id. */
                messageId: string;

                /** ISO 3166-1 alpha-3 code of the sending state; must match the state whose credentials published it. */
                senderState: string;

                /** The sending agency or unit within the state (e.g. "POLRI-BARESKRIM"), free text without personal data. */
                senderUnit: string;

                /** Who should receive it. */
                distribution: asean.tip.v1.Distribution;

                /** TLP 2.0 handling mark. */
                handling: asean.tip.v1.HandlingMark;

                /** How fast the recipients should act. */
                priority: asean.tip.v1.Priority;

                /** When the sender created it, Unix time in milliseconds (UTC). */
                createdAtUnixMs: number;

                /** After this instant (Unix ms) the hub no longer delivers it; must be after created_at_unix_ms. */
                expiresAtUnixMs: number;

                /**
                 * The case reference, shared by every message about one case (e.g. "IDN-2026-000123"): the code
                 * of the state that opened the case (three upper-case letters), a dash, then 1 to 60 letters,
                 * digits or dashes. Required on case alerts and assistance requests; empty or of that form on
                 * every other payload.
                 */
                caseReference: string;

                /** message_id of the message this one answers or refers to; empty if none. */
                inReplyTo: string;

                /** True for drill traffic: it travels only on exercise subjects and only to the drill's participants. */
                exercise: boolean;

                /** Id of the drill this exercise message belongs to; required when exercise is true, empty otherwise. */
                drillId: string;

                /** Which message type payload holds. */
                payloadType: asean.tip.v1.PayloadType;

                /** The encoded payload message. */
                payload: Uint8Array;

                /**
                 * Id of the sender's signing key in the hub's key directory: the owner's code, a dash, and the
                 * first 16 hex digits of SHA-256 of the raw public key (e.g. "IDN-215c63ff24770117").
                 */
                keyId: string;

                /** Ed25519 signature (64 bytes) over the signing input; not itself part of the signing input. */
                signature: Uint8Array;

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Envelope instance
                 */
                static create(properties: asean.tip.v1.Envelope.$Shape): asean.tip.v1.Envelope & asean.tip.v1.Envelope.$Shape;
                static create(properties?: asean.tip.v1.Envelope.$Properties): asean.tip.v1.Envelope;

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link asean.tip.v1.Envelope.verify|verify} messages.
                 * @param message Envelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Envelope & asean.tip.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Envelope & asean.tip.v1.Envelope.$Shape;

                /**
                 * Verifies an Envelope message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Envelope
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Envelope;

                /**
                 * Creates a plain object from an Envelope message. Also converts values to other types if specified.
                 * @param message Envelope
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Envelope to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Envelope
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Envelope {

                /** Properties of an Envelope. */
                interface $Properties {

                    /** Globally unique id chosen by the sender (UUID, lower case with dashes); also the NATS Nats-Msg-Id. */
                    messageId?: string;

                    /** ISO 3166-1 alpha-3 code of the sending state; must match the state whose credentials published it. */
                    senderState?: string;

                    /** The sending agency or unit within the state (e.g. "POLRI-BARESKRIM"), free text without personal data. */
                    senderUnit?: string;

                    /** Who should receive it. */
                    distribution?: asean.tip.v1.Distribution.$Properties;

                    /** TLP 2.0 handling mark. */
                    handling?: asean.tip.v1.HandlingMark;

                    /** How fast the recipients should act. */
                    priority?: asean.tip.v1.Priority;

                    /** When the sender created it, Unix time in milliseconds (UTC). */
                    createdAtUnixMs?: number;

                    /** After this instant (Unix ms) the hub no longer delivers it; must be after created_at_unix_ms. */
                    expiresAtUnixMs?: number;

                    /**
                     * The case reference, shared by every message about one case (e.g. "IDN-2026-000123"): the code
                     * of the state that opened the case (three upper-case letters), a dash, then 1 to 60 letters,
                     * digits or dashes. Required on case alerts and assistance requests; empty or of that form on
                     * every other payload.
                     */
                    caseReference?: string;

                    /** message_id of the message this one answers or refers to; empty if none. */
                    inReplyTo?: string;

                    /** True for drill traffic: it travels only on exercise subjects and only to the drill's participants. */
                    exercise?: boolean;

                    /** Id of the drill this exercise message belongs to; required when exercise is true, empty otherwise. */
                    drillId?: string;

                    /** Which message type payload holds. */
                    payloadType?: asean.tip.v1.PayloadType;

                    /** The encoded payload message. */
                    payload?: Uint8Array;

                    /**
                     * Id of the sender's signing key in the hub's key directory: the owner's code, a dash, and the
                     * first 16 hex digits of SHA-256 of the raw public key (e.g. "IDN-215c63ff24770117").
                     */
                    keyId?: string;

                    /** Ed25519 signature (64 bytes) over the signing input; not itself part of the signing input. */
                    signature?: Uint8Array;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Envelope. */
                type $Shape = asean.tip.v1.Envelope.$Properties;
            }

            /**
             * Properties of a HitNotice.
             * @deprecated Use asean.tip.v1.HitNotice.$Properties instead.
             */
            interface IHitNotice extends asean.tip.v1.HitNotice.$Properties {
            }

            /** Tells a state that one of its messages matches another state's, without the other's data. */
            class HitNotice {

                /**
                 * Constructs a new HitNotice.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.HitNotice.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Id of the hit, shared by the notices sent to both states. */
                hitId: string;

                /** message_id of the recipient's own message that matched. */
                yourMessageId: string;

                /** ISO 3166-1 alpha-3 code of the state holding the matching message. */
                counterpartState: string;

                /** What kind of identifier matched (the digest itself is not repeated). */
                identifierKind: asean.tip.v1.IdentifierKind;

                /** When the hub found the match, Unix ms. */
                detectedAtUnixMs: number;

                /** How many identifiers matched between the two messages. */
                matchedIdentifiers: number;

                /**
                 * True when the match came from counterpart_state's hit/no-hit query (HitQuery), not from a
                 * message it sent: that state asked whether the identifier is known and was told that this
                 * state holds it. There is then no counterpart message.
                 */
                fromQuery: boolean;

                /**
                 * Creates a new HitNotice instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HitNotice instance
                 */
                static create(properties: asean.tip.v1.HitNotice.$Shape): asean.tip.v1.HitNotice & asean.tip.v1.HitNotice.$Shape;
                static create(properties?: asean.tip.v1.HitNotice.$Properties): asean.tip.v1.HitNotice;

                /**
                 * Encodes the specified HitNotice message. Does not implicitly {@link asean.tip.v1.HitNotice.verify|verify} messages.
                 * @param message HitNotice message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.HitNotice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HitNotice message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.HitNotice & asean.tip.v1.HitNotice.$Shape} HitNotice
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.HitNotice & asean.tip.v1.HitNotice.$Shape;

                /**
                 * Verifies a HitNotice message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HitNotice message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HitNotice
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.HitNotice;

                /**
                 * Creates a plain object from a HitNotice message. Also converts values to other types if specified.
                 * @param message HitNotice
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.HitNotice, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HitNotice to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HitNotice
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HitNotice {

                /** Properties of a HitNotice. */
                interface $Properties {

                    /** Id of the hit, shared by the notices sent to both states. */
                    hitId?: string;

                    /** message_id of the recipient's own message that matched. */
                    yourMessageId?: string;

                    /** ISO 3166-1 alpha-3 code of the state holding the matching message. */
                    counterpartState?: string;

                    /** What kind of identifier matched (the digest itself is not repeated). */
                    identifierKind?: asean.tip.v1.IdentifierKind;

                    /** When the hub found the match, Unix ms. */
                    detectedAtUnixMs?: number;

                    /** How many identifiers matched between the two messages. */
                    matchedIdentifiers?: number;

                    /**
                     * True when the match came from counterpart_state's hit/no-hit query (HitQuery), not from a
                     * message it sent: that state asked whether the identifier is known and was told that this
                     * state holds it. There is then no counterpart message.
                     */
                    fromQuery?: boolean;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HitNotice. */
                type $Shape = asean.tip.v1.HitNotice.$Properties;
            }

            /**
             * Properties of a HitQuery.
             * @deprecated Use asean.tip.v1.HitQuery.$Properties instead.
             */
            interface IHitQuery extends asean.tip.v1.HitQuery.$Properties {
            }

            /**
             * A state's question to the hub. The envelope's distribution is the scope searched (the states
             * whose holdings may answer: NAMED, SHARING_GROUP or REGIONAL_BROADCAST); the query itself is
             * delivered to no state. The hub records no sighting for it: asking is not holding.
             */
            class HitQuery {

                /**
                 * Constructs a new HitQuery.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.HitQuery.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The keyed identifiers asked about: 1 to 50, no two alike (section 9 says how to hash them). */
                identifiers: asean.tip.v1.KeyedIdentifier[];

                /**
                 * Creates a new HitQuery instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HitQuery instance
                 */
                static create(properties: asean.tip.v1.HitQuery.$Shape): asean.tip.v1.HitQuery & asean.tip.v1.HitQuery.$Shape;
                static create(properties?: asean.tip.v1.HitQuery.$Properties): asean.tip.v1.HitQuery;

                /**
                 * Encodes the specified HitQuery message. Does not implicitly {@link asean.tip.v1.HitQuery.verify|verify} messages.
                 * @param message HitQuery message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.HitQuery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HitQuery message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.HitQuery & asean.tip.v1.HitQuery.$Shape} HitQuery
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.HitQuery & asean.tip.v1.HitQuery.$Shape;

                /**
                 * Verifies a HitQuery message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HitQuery message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HitQuery
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.HitQuery;

                /**
                 * Creates a plain object from a HitQuery message. Also converts values to other types if specified.
                 * @param message HitQuery
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.HitQuery, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HitQuery to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HitQuery
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HitQuery {

                /** Properties of a HitQuery. */
                interface $Properties {

                    /** The keyed identifiers asked about: 1 to 50, no two alike (section 9 says how to hash them). */
                    identifiers?: asean.tip.v1.KeyedIdentifier.$Properties[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HitQuery. */
                type $Shape = asean.tip.v1.HitQuery.$Properties;
            }

            /**
             * Properties of a QueryHit.
             * @deprecated Use asean.tip.v1.QueryHit.$Properties instead.
             */
            interface IQueryHit extends asean.tip.v1.QueryHit.$Properties {
            }

            /** One state holding an identifier asked about. */
            class QueryHit {

                /**
                 * Constructs a new QueryHit.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.QueryHit.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ISO 3166-1 alpha-3 code of the state holding a matching message. */
                counterpartState: string;

                /**
                 * Id of the hit, shared with the HitNotice the counterpart receives; an assistance request may
                 * follow it up (AssistanceRequest.follows_up_hit_id).
                 */
                hitId: string;

                /**
                 * Creates a new QueryHit instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns QueryHit instance
                 */
                static create(properties: asean.tip.v1.QueryHit.$Shape): asean.tip.v1.QueryHit & asean.tip.v1.QueryHit.$Shape;
                static create(properties?: asean.tip.v1.QueryHit.$Properties): asean.tip.v1.QueryHit;

                /**
                 * Encodes the specified QueryHit message. Does not implicitly {@link asean.tip.v1.QueryHit.verify|verify} messages.
                 * @param message QueryHit message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.QueryHit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a QueryHit message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.QueryHit & asean.tip.v1.QueryHit.$Shape} QueryHit
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.QueryHit & asean.tip.v1.QueryHit.$Shape;

                /**
                 * Verifies a QueryHit message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a QueryHit message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns QueryHit
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.QueryHit;

                /**
                 * Creates a plain object from a QueryHit message. Also converts values to other types if specified.
                 * @param message QueryHit
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.QueryHit, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this QueryHit to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for QueryHit
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace QueryHit {

                /** Properties of a QueryHit. */
                interface $Properties {

                    /** ISO 3166-1 alpha-3 code of the state holding a matching message. */
                    counterpartState?: string;

                    /**
                     * Id of the hit, shared with the HitNotice the counterpart receives; an assistance request may
                     * follow it up (AssistanceRequest.follows_up_hit_id).
                     */
                    hitId?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a QueryHit. */
                type $Shape = asean.tip.v1.QueryHit.$Properties;
            }

            /**
             * Properties of a HitQueryResult.
             * @deprecated Use asean.tip.v1.HitQueryResult.$Properties instead.
             */
            interface IHitQueryResult extends asean.tip.v1.HitQueryResult.$Properties {
            }

            /** The answer for one identifier of the query. */
            class HitQueryResult {

                /**
                 * Constructs a new HitQueryResult.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.HitQueryResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Position of the identifier in HitQuery.identifiers (0-based). */
                index: number;

                /** The kind of the identifier asked about (the digest itself is not repeated). */
                identifierKind: asean.tip.v1.IdentifierKind;

                /** Whether any state in scope holds it, as far as that state's handling marks allow telling. */
                hit: boolean;

                /** The states holding it, one each; empty on a no-hit. */
                hits: asean.tip.v1.QueryHit[];

                /**
                 * Creates a new HitQueryResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HitQueryResult instance
                 */
                static create(properties: asean.tip.v1.HitQueryResult.$Shape): asean.tip.v1.HitQueryResult & asean.tip.v1.HitQueryResult.$Shape;
                static create(properties?: asean.tip.v1.HitQueryResult.$Properties): asean.tip.v1.HitQueryResult;

                /**
                 * Encodes the specified HitQueryResult message. Does not implicitly {@link asean.tip.v1.HitQueryResult.verify|verify} messages.
                 * @param message HitQueryResult message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.HitQueryResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HitQueryResult message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.HitQueryResult & asean.tip.v1.HitQueryResult.$Shape} HitQueryResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.HitQueryResult & asean.tip.v1.HitQueryResult.$Shape;

                /**
                 * Verifies a HitQueryResult message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HitQueryResult message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HitQueryResult
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.HitQueryResult;

                /**
                 * Creates a plain object from a HitQueryResult message. Also converts values to other types if specified.
                 * @param message HitQueryResult
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.HitQueryResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HitQueryResult to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HitQueryResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HitQueryResult {

                /** Properties of a HitQueryResult. */
                interface $Properties {

                    /** Position of the identifier in HitQuery.identifiers (0-based). */
                    index?: number;

                    /** The kind of the identifier asked about (the digest itself is not repeated). */
                    identifierKind?: asean.tip.v1.IdentifierKind;

                    /** Whether any state in scope holds it, as far as that state's handling marks allow telling. */
                    hit?: boolean;

                    /** The states holding it, one each; empty on a no-hit. */
                    hits?: asean.tip.v1.QueryHit.$Properties[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HitQueryResult. */
                type $Shape = asean.tip.v1.HitQueryResult.$Properties;
            }

            /**
             * Properties of a HitQueryAnswer.
             * @deprecated Use asean.tip.v1.HitQueryAnswer.$Properties instead.
             */
            interface IHitQueryAnswer extends asean.tip.v1.HitQueryAnswer.$Properties {
            }

            /** The hub's answer to a HitQuery, sent to the querying state only (sender HUB, in_reply_to = the query). */
            class HitQueryAnswer {

                /**
                 * Constructs a new HitQueryAnswer.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.HitQueryAnswer.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** message_id of the query answered. */
                queryMessageId: string;

                /** One result per identifier of the query, in its order. */
                results: asean.tip.v1.HitQueryResult[];

                /** When the hub answered, Unix ms. */
                answeredAtUnixMs: number;

                /**
                 * Creates a new HitQueryAnswer instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HitQueryAnswer instance
                 */
                static create(properties: asean.tip.v1.HitQueryAnswer.$Shape): asean.tip.v1.HitQueryAnswer & asean.tip.v1.HitQueryAnswer.$Shape;
                static create(properties?: asean.tip.v1.HitQueryAnswer.$Properties): asean.tip.v1.HitQueryAnswer;

                /**
                 * Encodes the specified HitQueryAnswer message. Does not implicitly {@link asean.tip.v1.HitQueryAnswer.verify|verify} messages.
                 * @param message HitQueryAnswer message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.HitQueryAnswer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HitQueryAnswer message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.HitQueryAnswer & asean.tip.v1.HitQueryAnswer.$Shape} HitQueryAnswer
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.HitQueryAnswer & asean.tip.v1.HitQueryAnswer.$Shape;

                /**
                 * Verifies a HitQueryAnswer message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HitQueryAnswer message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HitQueryAnswer
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.HitQueryAnswer;

                /**
                 * Creates a plain object from a HitQueryAnswer message. Also converts values to other types if specified.
                 * @param message HitQueryAnswer
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.HitQueryAnswer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HitQueryAnswer to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HitQueryAnswer
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HitQueryAnswer {

                /** Properties of a HitQueryAnswer. */
                interface $Properties {

                    /** message_id of the query answered. */
                    queryMessageId?: string;

                    /** One result per identifier of the query, in its order. */
                    results?: asean.tip.v1.HitQueryResult.$Properties[];

                    /** When the hub answered, Unix ms. */
                    answeredAtUnixMs?: number;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HitQueryAnswer. */
                type $Shape = asean.tip.v1.HitQueryAnswer.$Properties;
            }

            /** The kind of indicator. */
            enum IndicatorType {

                /** Not set; rejected by validation. */
                INDICATOR_TYPE_UNSPECIFIED = 0,

                /** A phone number used by recruiters or scammers. */
                INDICATOR_TYPE_PHONE_NUMBER = 1,

                /** A social-media or messaging account or handle. */
                INDICATOR_TYPE_SOCIAL_HANDLE = 2,

                /** A web address: a job ad, a fake company site, a scam page. */
                INDICATOR_TYPE_URL = 3,

                /** A company name used for fake job offers or as a front. */
                INDICATOR_TYPE_COMPANY = 4,

                /** A scam compound, by name and location. */
                INDICATOR_TYPE_COMPOUND = 5,

                /** A bank account (mule account or payment account). */
                INDICATOR_TYPE_BANK_ACCOUNT = 6,

                /** An e-wallet account. */
                INDICATOR_TYPE_E_WALLET = 7,

                /** A crypto-currency wallet address. */
                INDICATOR_TYPE_CRYPTO_WALLET = 8
            }

            /** Admiralty code, first half: how reliable the source is. */
            enum SourceReliability {

                /** Not set; rejected by validation. */
                SOURCE_RELIABILITY_UNSPECIFIED = 0,

                /** A: completely reliable. */
                SOURCE_RELIABILITY_A_COMPLETELY_RELIABLE = 1,

                /** B: usually reliable. */
                SOURCE_RELIABILITY_B_USUALLY_RELIABLE = 2,

                /** C: fairly reliable. */
                SOURCE_RELIABILITY_C_FAIRLY_RELIABLE = 3,

                /** D: not usually reliable. */
                SOURCE_RELIABILITY_D_NOT_USUALLY_RELIABLE = 4,

                /** E: unreliable. */
                SOURCE_RELIABILITY_E_UNRELIABLE = 5,

                /** F: reliability cannot be judged. */
                SOURCE_RELIABILITY_F_CANNOT_BE_JUDGED = 6
            }

            /** Admiralty code, second half: how credible the information is. */
            enum InformationCredibility {

                /** Not set; rejected by validation. */
                INFORMATION_CREDIBILITY_UNSPECIFIED = 0,

                /** 1: confirmed by other sources. */
                INFORMATION_CREDIBILITY_1_CONFIRMED = 1,

                /** 2: probably true. */
                INFORMATION_CREDIBILITY_2_PROBABLY_TRUE = 2,

                /** 3: possibly true. */
                INFORMATION_CREDIBILITY_3_POSSIBLY_TRUE = 3,

                /** 4: doubtful. */
                INFORMATION_CREDIBILITY_4_DOUBTFUL = 4,

                /** 5: improbable. */
                INFORMATION_CREDIBILITY_5_IMPROBABLE = 5,

                /** 6: truth cannot be judged. */
                INFORMATION_CREDIBILITY_6_CANNOT_BE_JUDGED = 6
            }

            /** What recipients may do with the report. */
            enum PermittedAction {

                /** Not set; rejected by validation. */
                PERMITTED_ACTION_UNSPECIFIED = 0,

                /** Share with national law-enforcement agencies. */
                PERMITTED_ACTION_SHARE_WITH_LAW_ENFORCEMENT = 1,

                /** Share with the financial intelligence unit and financial regulators. */
                PERMITTED_ACTION_SHARE_WITH_FINANCIAL_UNIT = 2,

                /** Share with platforms and telecom operators to block or take down. */
                PERMITTED_ACTION_SHARE_WITH_PLATFORMS = 3,

                /** Act (block, freeze, arrest) without consulting the sender first. */
                PERMITTED_ACTION_ACT_WITHOUT_CONSULTATION = 4,

                /** Use as evidence in court (otherwise intelligence only). */
                PERMITTED_ACTION_USE_AS_EVIDENCE = 5
            }

            /**
             * Properties of an Indicator.
             * @deprecated Use asean.tip.v1.Indicator.$Properties instead.
             */
            interface IIndicator extends asean.tip.v1.Indicator.$Properties {
            }

            /** One indicator. Personal identifiers (phones, accounts) may travel as keyed hashes instead of clear values. */
            class Indicator {

                /**
                 * Constructs a new Indicator.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Indicator.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The kind of indicator. */
                type: asean.tip.v1.IndicatorType;

                /** The clear value (URL, handle, company, compound name, wallet address); empty when only keyed is set. */
                value: string;

                /** The keyed hash of the value, for personal identifiers shared for matching only. */
                keyed: asean.tip.v1.KeyedIdentifier;

                /** Platform, bank or chain the value belongs to (e.g. "Telegram", "BCA", "TRON"). */
                platform: string;

                /** Where it is, for compounds and companies. */
                location: asean.tip.v1.Location;

                /** Free-text note on the indicator, without victim data. */
                note: string;

                /** When the indicator was first seen in use, Unix ms; 0 when unknown. */
                firstSeenUnixMs: number;

                /** When the indicator was last seen in use, Unix ms; 0 when unknown. */
                lastSeenUnixMs: number;

                /**
                 * Creates a new Indicator instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Indicator instance
                 */
                static create(properties: asean.tip.v1.Indicator.$Shape): asean.tip.v1.Indicator & asean.tip.v1.Indicator.$Shape;
                static create(properties?: asean.tip.v1.Indicator.$Properties): asean.tip.v1.Indicator;

                /**
                 * Encodes the specified Indicator message. Does not implicitly {@link asean.tip.v1.Indicator.verify|verify} messages.
                 * @param message Indicator message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Indicator.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Indicator message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Indicator & asean.tip.v1.Indicator.$Shape} Indicator
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Indicator & asean.tip.v1.Indicator.$Shape;

                /**
                 * Verifies an Indicator message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Indicator message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Indicator
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Indicator;

                /**
                 * Creates a plain object from an Indicator message. Also converts values to other types if specified.
                 * @param message Indicator
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Indicator, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Indicator to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Indicator
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Indicator {

                /** Properties of an Indicator. */
                interface $Properties {

                    /** The kind of indicator. */
                    type?: asean.tip.v1.IndicatorType;

                    /** The clear value (URL, handle, company, compound name, wallet address); empty when only keyed is set. */
                    value?: string;

                    /** The keyed hash of the value, for personal identifiers shared for matching only. */
                    keyed?: asean.tip.v1.KeyedIdentifier.$Properties;

                    /** Platform, bank or chain the value belongs to (e.g. "Telegram", "BCA", "TRON"). */
                    platform?: string;

                    /** Where it is, for compounds and companies. */
                    location?: asean.tip.v1.Location.$Properties;

                    /** Free-text note on the indicator, without victim data. */
                    note?: string;

                    /** When the indicator was first seen in use, Unix ms; 0 when unknown. */
                    firstSeenUnixMs?: number;

                    /** When the indicator was last seen in use, Unix ms; 0 when unknown. */
                    lastSeenUnixMs?: number;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Indicator. */
                type $Shape = asean.tip.v1.Indicator.$Properties;
            }

            /**
             * Properties of an IntelligenceReport.
             * @deprecated Use asean.tip.v1.IntelligenceReport.$Properties instead.
             */
            interface IIntelligenceReport extends asean.tip.v1.IntelligenceReport.$Properties {
            }

            /** An intelligence report. */
            class IntelligenceReport {

                /**
                 * Constructs a new IntelligenceReport.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.IntelligenceReport.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** One-line title. */
                title: string;

                /** Assessment in prose, without victim data (at most 4,000 characters). */
                summary: string;

                /** The indicators (at least one). */
                indicators: asean.tip.v1.Indicator[];

                /** Admiralty source reliability (A-F). */
                sourceReliability: asean.tip.v1.SourceReliability;

                /** Admiralty information credibility (1-6). */
                informationCredibility: asean.tip.v1.InformationCredibility;

                /** What recipients may do with it; empty means intelligence only, no action. */
                permittedActions: asean.tip.v1.PermittedAction[];

                /** The route the indicators relate to, if any; used for route-role distribution. */
                route: asean.tip.v1.Route;

                /** Case references of related cases, each in the form of Envelope.case_reference (not empty). */
                relatedCaseReferences: string[];

                /**
                 * Creates a new IntelligenceReport instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns IntelligenceReport instance
                 */
                static create(properties: asean.tip.v1.IntelligenceReport.$Shape): asean.tip.v1.IntelligenceReport & asean.tip.v1.IntelligenceReport.$Shape;
                static create(properties?: asean.tip.v1.IntelligenceReport.$Properties): asean.tip.v1.IntelligenceReport;

                /**
                 * Encodes the specified IntelligenceReport message. Does not implicitly {@link asean.tip.v1.IntelligenceReport.verify|verify} messages.
                 * @param message IntelligenceReport message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.IntelligenceReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an IntelligenceReport message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.IntelligenceReport & asean.tip.v1.IntelligenceReport.$Shape} IntelligenceReport
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.IntelligenceReport & asean.tip.v1.IntelligenceReport.$Shape;

                /**
                 * Verifies an IntelligenceReport message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an IntelligenceReport message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns IntelligenceReport
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.IntelligenceReport;

                /**
                 * Creates a plain object from an IntelligenceReport message. Also converts values to other types if specified.
                 * @param message IntelligenceReport
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.IntelligenceReport, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this IntelligenceReport to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for IntelligenceReport
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace IntelligenceReport {

                /** Properties of an IntelligenceReport. */
                interface $Properties {

                    /** One-line title. */
                    title?: string;

                    /** Assessment in prose, without victim data (at most 4,000 characters). */
                    summary?: string;

                    /** The indicators (at least one). */
                    indicators?: asean.tip.v1.Indicator.$Properties[];

                    /** Admiralty source reliability (A-F). */
                    sourceReliability?: asean.tip.v1.SourceReliability;

                    /** Admiralty information credibility (1-6). */
                    informationCredibility?: asean.tip.v1.InformationCredibility;

                    /** What recipients may do with it; empty means intelligence only, no action. */
                    permittedActions?: asean.tip.v1.PermittedAction[];

                    /** The route the indicators relate to, if any; used for route-role distribution. */
                    route?: asean.tip.v1.Route.$Properties;

                    /** Case references of related cases, each in the form of Envelope.case_reference (not empty). */
                    relatedCaseReferences?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an IntelligenceReport. */
                type $Shape = asean.tip.v1.IntelligenceReport.$Properties;
            }

            /** Whether the original is withdrawn or replaced. */
            enum RetractionKind {

                /** Not set; rejected by validation. */
                RETRACTION_KIND_UNSPECIFIED = 0,

                /** The original is wrong and must be disregarded. */
                RETRACTION_KIND_WITHDRAW = 1,

                /** The original is replaced by replacement_message_id. */
                RETRACTION_KIND_CORRECT = 2
            }

            /**
             * Properties of a Retraction.
             * @deprecated Use asean.tip.v1.Retraction.$Properties instead.
             */
            interface IRetraction extends asean.tip.v1.Retraction.$Properties {
            }

            /** Withdraws or corrects an earlier message; it reaches every state that received the original. */
            class Retraction {

                /**
                 * Constructs a new Retraction.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: asean.tip.v1.Retraction.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** message_id of the message withdrawn or corrected; must have been sent by the same state. */
                retractedMessageId: string;

                /** Withdraw or correct. */
                kind: asean.tip.v1.RetractionKind;

                /** Why, for the officers (at most 1,000 characters). */
                reason: string;

                /** For RETRACTION_KIND_CORRECT: message_id of the corrected message. */
                replacementMessageId: string;

                /**
                 * Creates a new Retraction instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Retraction instance
                 */
                static create(properties: asean.tip.v1.Retraction.$Shape): asean.tip.v1.Retraction & asean.tip.v1.Retraction.$Shape;
                static create(properties?: asean.tip.v1.Retraction.$Properties): asean.tip.v1.Retraction;

                /**
                 * Encodes the specified Retraction message. Does not implicitly {@link asean.tip.v1.Retraction.verify|verify} messages.
                 * @param message Retraction message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: asean.tip.v1.Retraction.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Retraction message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {asean.tip.v1.Retraction & asean.tip.v1.Retraction.$Shape} Retraction
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): asean.tip.v1.Retraction & asean.tip.v1.Retraction.$Shape;

                /**
                 * Verifies a Retraction message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Retraction message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Retraction
                 */
                static fromObject(object: { [k: string]: any }): asean.tip.v1.Retraction;

                /**
                 * Creates a plain object from a Retraction message. Also converts values to other types if specified.
                 * @param message Retraction
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: asean.tip.v1.Retraction, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Retraction to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Retraction
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Retraction {

                /** Properties of a Retraction. */
                interface $Properties {

                    /** message_id of the message withdrawn or corrected; must have been sent by the same state. */
                    retractedMessageId?: string;

                    /** Withdraw or correct. */
                    kind?: asean.tip.v1.RetractionKind;

                    /** Why, for the officers (at most 1,000 characters). */
                    reason?: string;

                    /** For RETRACTION_KIND_CORRECT: message_id of the corrected message. */
                    replacementMessageId?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Retraction. */
                type $Shape = asean.tip.v1.Retraction.$Properties;
            }
        }
    }
}
