// A small SVG map of a message's route: the countries of South-East Asia from world-atlas
// (served by the node; nothing is fetched from elsewhere), the route legs joined in order, and
// the compound and last-known locations marked. The map is a picture of what the text says:
// the legs and places are also listed in words next to it.
import { feature } from '/dashboard/vendor/topojson-client/index.js';
import { el, svg } from './dom.js';
import { geometryPath, MAP_HEIGHT, MAP_WIDTH, mapPoints, project } from './projection.js';
import { roleWords, stateName } from './words.js';

let countriesPath;

async function landPath() {
  countriesPath ??= fetch('/dashboard/map/countries-50m.json', { credentials: 'same-origin' })
    .then((response) => response.json())
    .then((topology) => feature(topology, topology.objects.countries).features.map((country) => geometryPath(country.geometry)).filter(Boolean));
  return countriesPath;
}

export function routeMap(route, locations) {
  const { legs, places } = mapPoints(route, locations);
  const figure = el('figure', { class: 'route-map' });
  if (!legs.length && !places.length) return undefined;
  const description = [
    ...legs.map((leg) => `${roleWords(leg.role)}: ${leg.label}, ${stateName(leg.state)}${leg.atCapital ? ` (marked at the capital, ${leg.capital})` : ''}`),
    ...places.map((place) => `${place.role === 'compound' ? 'Compound' : 'Location'}: ${place.label} (${place.latitude.toFixed(3)}, ${place.longitude.toFixed(3)})`),
  ];
  const picture = svg('svg', { viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, role: 'img', 'aria-label': `Route map. ${description.join('. ')}` },
    svg('rect', { x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT, class: 'sea' }));
  const land = svg('g', { class: 'land' });
  picture.append(land);
  landPath().then((paths) => land.append(...paths.map((d) => svg('path', { d })))).catch(() => figure.classList.add('no-land'));
  if (legs.length > 1) {
    picture.append(svg('polyline', { class: 'leg-line', points: legs.map((leg) => project(leg.longitude, leg.latitude).join(',')).join(' ') }));
  }
  for (const leg of legs) {
    const [x, y] = project(leg.longitude, leg.latitude);
    picture.append(svg('circle', { class: `leg-point ${leg.role}`, cx: x, cy: y, r: 7 }),
      svg('text', { x: x + 10, y: y - 8, class: 'map-label' }, `${roleWords(leg.role)}: ${leg.label}`));
  }
  for (const place of places) {
    const [x, y] = project(place.longitude, place.latitude);
    // A place that is also a leg's point is named once, by the leg.
    const named = legs.some((leg) => leg.latitude === place.latitude && leg.longitude === place.longitude);
    picture.append(svg('rect', { class: 'place-point', x: x - 6, y: y - 6, width: 12, height: 12 }),
      named ? undefined : svg('text', { x: x + 10, y: y + 18, class: 'map-label' }, place.label));
  }
  figure.append(picture, el('figcaption', {}, el('ul', { class: 'map-legend' }, description.map((line) => el('li', {}, line)))));
  return figure;
}
