// A plain equirectangular projection clipped to South-East Asia, and the points of a message's map.
// Pure: the map module draws, this module decides where.
import { CAPITALS } from './capitals.js';

export const REGION = Object.freeze({ west: 91, east: 142, north: 29, south: -12 });
const SCALE = 10; // px per degree

export const MAP_WIDTH = (REGION.east - REGION.west) * SCALE;
export const MAP_HEIGHT = (REGION.north - REGION.south) * SCALE;

export function project(longitude, latitude) {
  return [Math.round((longitude - REGION.west) * SCALE * 10) / 10, Math.round((REGION.north - latitude) * SCALE * 10) / 10];
}

/** Whether a ring's bounding box meets the region (rings far away are not drawn at all). */
export function ringTouchesRegion(ring) {
  let west = Infinity; let east = -Infinity; let south = Infinity; let north = -Infinity;
  for (const [x, y] of ring) { west = Math.min(west, x); east = Math.max(east, x); south = Math.min(south, y); north = Math.max(north, y); }
  return east >= REGION.west && west <= REGION.east && north >= REGION.south && south <= REGION.north;
}

/** An SVG path of a GeoJSON (Multi)Polygon geometry, only its rings that meet the region. */
export function geometryPath(geometry) {
  const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.flat().filter(ringTouchesRegion)
    .map((ring) => `M${ring.map(([x, y]) => project(x, y).join(',')).join('L')}Z`).join('');
}

const ROLE_ORDER = { origin: 0, transit: 1, destination: 2 };
const hasCoordinates = (place) => place && Number.isFinite(place.latitude) && Number.isFinite(place.longitude) && (place.latitude !== 0 || place.longitude !== 0);

/**
 * The points to mark: route legs in order (each at its own coordinates when the payload gives
 * them for that state and place, else at the state's capital), and the located places
 * (the compound, last-known locations of indicators).
 */
export function mapPoints(route, locations) {
  const legs = [...(route ?? [])].sort((a, b) => (ROLE_ORDER[a.role] ?? 1) - (ROLE_ORDER[b.role] ?? 1)).flatMap((leg) => {
    const own = (locations ?? []).find((place) => hasCoordinates(place) && place.state === leg.state && (!leg.place || !place.placeName || place.placeName === leg.place));
    if (own) return [{ kind: 'leg', role: leg.role, state: leg.state, label: leg.place || leg.state, latitude: own.latitude, longitude: own.longitude, atCapital: false }];
    const capital = CAPITALS[leg.state];
    return capital ? [{ kind: 'leg', role: leg.role, state: leg.state, label: leg.place || leg.state, latitude: capital.latitude, longitude: capital.longitude, atCapital: true, capital: capital.name }] : [];
  });
  const places = (locations ?? []).filter(hasCoordinates).map((place) => ({
    kind: 'place', role: place.role ?? 'location', state: place.state, label: place.placeName || place.state, latitude: place.latitude, longitude: place.longitude,
  }));
  return { legs, places };
}
