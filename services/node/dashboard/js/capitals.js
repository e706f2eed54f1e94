// Capitals of the ASEAN member states (latitude, longitude), where the map marks a route leg that
// names no coordinates of its own.
export const CAPITALS = Object.freeze({
  BRN: { name: 'Bandar Seri Begawan', latitude: 4.9031, longitude: 114.9398 },
  KHM: { name: 'Phnom Penh', latitude: 11.5564, longitude: 104.9282 },
  IDN: { name: 'Jakarta', latitude: -6.2088, longitude: 106.8456 },
  LAO: { name: 'Vientiane', latitude: 17.9757, longitude: 102.6331 },
  MYS: { name: 'Kuala Lumpur', latitude: 3.139, longitude: 101.6869 },
  MMR: { name: 'Naypyidaw', latitude: 19.7633, longitude: 96.0785 },
  PHL: { name: 'Manila', latitude: 14.5995, longitude: 120.9842 },
  SGP: { name: 'Singapore', latitude: 1.3521, longitude: 103.8198 },
  THA: { name: 'Bangkok', latitude: 13.7563, longitude: 100.5018 },
  TLS: { name: 'Dili', latitude: -8.5569, longitude: 125.5603 },
  VNM: { name: 'Hanoi', latitude: 21.0278, longitude: 105.8342 },
});
