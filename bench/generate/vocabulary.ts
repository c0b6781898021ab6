/** Word lists for fake data. ASCII only, so e-mail addresses and sort orders need no special handling. */

/** Comma-separated words, so the lists stay compact whatever the formatter does with arrays. */
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}

export const firstNames = list(`
  Aaron, Abigail, Adam, Aisha, Alejandro, Alice, Amara, Andrea, Anna, Arjun, Beatriz, Ben, Bianca,
  Carla, Carlos, Chen, Chloe, Daniel, David, Diego, Elena, Elif, Emma, Ethan, Fatima, Felix, Freya,
  Gabriel, Grace, Hana, Hannah, Hugo, Ines, Isaac, Ivan, Jakob, James, Jana, Julia, Kai, Kenji,
  Laura, Leila, Leo, Liam, Lucas, Lucia, Maria, Mateo, Maya, Mia, Mohammed, Nadia, Noah, Nora, Olga,
  Oliver, Omar, Paula, Pedro, Priya, Rafael, Rosa, Ryan, Sara, Sofia, Tariq, Theo, Tomas, Valentina,
  Victor, Wei, Yara, Yusuf, Zoe
`);

export const lastNames = list(`
  Abbott, Adeyemi, Alvarez, Andersen, Baker, Bauer, Becker, Bianchi, Brown, Campbell, Castro, Chen,
  Clark, Costa, Dubois, Evans, Fernandes, Fischer, Garcia, Gonzalez, Hansen, Hoffmann, Ito, Jansen,
  Johnson, Kaya, Khan, Kim, Kowalski, Larsen, Lee, Lopez, Martin, Meyer, Moreau, Muller, Nakamura,
  Nguyen, Novak, Okafor, Olsen, Patel, Perez, Petrov, Quinn, Ramos, Reyes, Ricci, Rossi, Santos,
  Schmidt, Silva, Singh, Smith, Sorensen, Suzuki, Tanaka, Taylor, Thomas, Torres, Vargas, Wagner,
  Walker, Wang, Weber, Williams, Wilson, Yilmaz, Young, Zhang
`);

export const companyPrefixes = list(`
  Alpine, Apex, Atlas, Blue, Bright, Cedar, Coastal, Crown, Delta, Eagle, Evergreen, First, Frontier,
  Golden, Granite, Harbor, Highland, Horizon, Iron, Keystone, Lakeside, Liberty, Meridian, Metro,
  Northern, Nova, Oak, Pacific, Pioneer, Prime, Redwood, River, Silver, Summit, Sun, Tri-State,
  Union, United, Valley, Western
`);

export const companyTrades = list(`
  Agri, Building, Chemical, Electric, Energy, Equipment, Farm, Fluid, Hardware, Hydraulic,
  Industrial, Irrigation, Machine, Marine, Medical, Motor, Packaging, Plumbing, Power, Safety, Solar,
  Steel, Supply, Tool, Water
`);

export const companySuffixes = list(`
  Distributors, Supply, Partners, Group, Trading, Wholesale, Solutions, Sales, Services, Co.
`);

export type City = { name: string; region: string; country: string; latitude: number; longitude: number };

export const cities: readonly City[] = [
  { name: 'Atlanta', region: 'GA', country: 'US', latitude: 33.749, longitude: -84.388 },
  { name: 'Austin', region: 'TX', country: 'US', latitude: 30.267, longitude: -97.743 },
  { name: 'Boston', region: 'MA', country: 'US', latitude: 42.36, longitude: -71.059 },
  { name: 'Chicago', region: 'IL', country: 'US', latitude: 41.878, longitude: -87.63 },
  { name: 'Columbus', region: 'OH', country: 'US', latitude: 39.961, longitude: -82.999 },
  { name: 'Dallas', region: 'TX', country: 'US', latitude: 32.777, longitude: -96.797 },
  { name: 'Denver', region: 'CO', country: 'US', latitude: 39.739, longitude: -104.99 },
  { name: 'Des Moines', region: 'IA', country: 'US', latitude: 41.587, longitude: -93.625 },
  { name: 'Fresno', region: 'CA', country: 'US', latitude: 36.738, longitude: -119.787 },
  { name: 'Kansas City', region: 'MO', country: 'US', latitude: 39.1, longitude: -94.579 },
  { name: 'Memphis', region: 'TN', country: 'US', latitude: 35.149, longitude: -90.049 },
  { name: 'Minneapolis', region: 'MN', country: 'US', latitude: 44.978, longitude: -93.265 },
  { name: 'Nashville', region: 'TN', country: 'US', latitude: 36.163, longitude: -86.781 },
  { name: 'Omaha', region: 'NE', country: 'US', latitude: 41.257, longitude: -95.995 },
  { name: 'Phoenix', region: 'AZ', country: 'US', latitude: 33.448, longitude: -112.074 },
  { name: 'Portland', region: 'OR', country: 'US', latitude: 45.515, longitude: -122.679 },
  { name: 'Sacramento', region: 'CA', country: 'US', latitude: 38.582, longitude: -121.494 },
  { name: 'Salt Lake City', region: 'UT', country: 'US', latitude: 40.761, longitude: -111.891 },
  { name: 'Seattle', region: 'WA', country: 'US', latitude: 47.606, longitude: -122.332 },
  { name: 'Spokane', region: 'WA', country: 'US', latitude: 47.659, longitude: -117.426 },
  { name: 'Calgary', region: 'AB', country: 'CA', latitude: 51.045, longitude: -114.057 },
  { name: 'Montreal', region: 'QC', country: 'CA', latitude: 45.502, longitude: -73.567 },
  { name: 'Toronto', region: 'ON', country: 'CA', latitude: 43.653, longitude: -79.383 },
  { name: 'Winnipeg', region: 'MB', country: 'CA', latitude: 49.895, longitude: -97.138 },
  { name: 'Guadalajara', region: 'JAL', country: 'MX', latitude: 20.659, longitude: -103.349 },
  { name: 'Monterrey', region: 'NLE', country: 'MX', latitude: 25.686, longitude: -100.316 },
  { name: 'Barcelona', region: 'CT', country: 'ES', latitude: 41.385, longitude: 2.173 },
  { name: 'Hamburg', region: 'HH', country: 'DE', latitude: 53.551, longitude: 9.993 },
  { name: 'Lyon', region: 'ARA', country: 'FR', latitude: 45.764, longitude: 4.835 },
  { name: 'Munich', region: 'BY', country: 'DE', latitude: 48.135, longitude: 11.582 },
  { name: 'Rotterdam', region: 'ZH', country: 'NL', latitude: 51.924, longitude: 4.477 },
  { name: 'Milan', region: 'MI', country: 'IT', latitude: 45.464, longitude: 9.19 },
] as const;

export const streetNames = list(`
  Main St, Oak Ave, Industrial Pkwy, Commerce Dr, Market St, Mill Rd, Harbor Blvd, Station Rd,
  Elm St, Park Ave, River Rd, Lake Shore Dr, Depot St, Airport Rd, Factory Ln, Route 9
`);
