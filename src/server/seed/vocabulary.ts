/** Word lists for fake data. ASCII only, so e-mail addresses and sort orders need no special handling. */

/** Comma-separated words, so the lists stay compact whatever the formatter does with arrays. */
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}

export const firstNames = list(`
  Aaron, Abigail, Adam, Adrian, Aisha, Alan, Alejandro, Alex, Alice, Amara, Amir, Amy, Ana, Andrea, Andrew,
  Angela, Anna, Anton, Arjun, Aylin, Barbara, Beatriz, Ben, Bianca, Boris, Brian, Bruno, Carla, Carlos,
  Caroline, Chen, Chloe, Chris, Claire, Daniel, David, Deepa, Diana, Diego, Dmitri, Ebony, Eduardo, Elena,
  Elif, Emily, Emma, Eric, Ethan, Eva, Fatima, Felix, Fernando, Fiona, Francesca, Freya, Gabriel, Gary,
  George, Grace, Greta, Gustavo, Hana, Hannah, Hassan, Heather, Helen, Hiroshi, Hugo, Ian, Ines, Irene,
  Isaac, Isabel, Ivan, Jack, Jakob, James, Jana, Jason, Javier, Jennifer, Jessica, Joao, John, Jorge,
  Jose, Joseph, Julia, Julian, Kai, Karen, Karim, Kate, Kenji, Kevin, Kim, Laura, Leila, Leo, Liam, Linda,
  Lisa, Lucas, Lucia, Luis, Luke, Mandla, Marco, Maria, Mark, Marta, Mateo, Matthew, Maya, Mei, Mia,
  Michael, Miguel, Mohammed, Nadia, Naomi, Nathan, Nicole, Nikolai, Noah, Nora, Olga, Oliver, Omar, Oscar,
  Patrick, Paula, Pedro, Peter, Pierre, Priya, Rachel, Rafael, Rahul, Raj, Rebecca, Ricardo, Robert, Rosa,
  Ryan, Samuel, Sandra, Sara, Sean, Sergio, Simone, Sofia, Stefan, Stephanie, Steven, Susan, Tariq, Theo,
  Thomas, Tomas, Valentina, Vanessa, Victor, Wei, William, Xavier, Yara, Yuki, Yusuf, Zoe
`);

export const lastNames = list(`
  Abbott, Acosta, Adams, Adeyemi, Aguilar, Ali, Allen, Alvarez, Andersen, Anderson, Aoki, Bailey, Baker,
  Banerjee, Bauer, Becker, Bell, Bennett, Bergstrom, Bianchi, Bishop, Blanco, Brooks, Brown, Bryant,
  Campbell, Carter, Castillo, Castro, Chandra, Chavez, Chen, Clark, Cohen, Collins, Cook, Costa, Cruz,
  Dahl, Das, Davies, Davis, Delgado, Diaz, Dubois, Duarte, Dunn, Edwards, Eriksson, Evans, Farah,
  Fernandes, Fischer, Fleming, Flores, Foster, Fournier, Fuchs, Garcia, Gibson, Gomez, Gonzalez, Graham,
  Green, Gupta, Hall, Hansen, Harris, Hayes, Henderson, Hernandez, Hill, Hoffmann, Horvat, Hughes, Ibrahim,
  Ito, Jackson, Jansen, Jensen, Jimenez, Johnson, Jones, Kaur, Kaya, Keller, Kelly, Khan, Kim, King,
  Klein, Koch, Kowalski, Kruger, Kumar, Larsen, Laurent, Lee, Lewis, Lindqvist, Lopez, Lund, Maier,
  Martin, Martinez, Matsumoto, Mendes, Mendoza, Meyer, Miller, Mitchell, Moore, Morales, Moreau, Morris,
  Muller, Murphy, Nakamura, Nash, Nelson, Neumann, Nguyen, Nielsen, Novak, Nowak, Obi, Okafor, Oliveira,
  Olsen, Ortiz, Osei, Owens, Park, Parker, Patel, Perez, Petersen, Petrov, Phillips, Popescu, Price,
  Quinn, Ramirez, Ramos, Reed, Reyes, Ricci, Richter, Rivera, Roberts, Robinson, Rodriguez, Romano, Rossi,
  Russo, Ryan, Sanchez, Santos, Sato, Schmidt, Schneider, Schulz, Scott, Shah, Silva, Singh, Smith,
  Sorensen, Souza, Stewart, Sullivan, Suzuki, Takahashi, Tanaka, Taylor, Thomas, Thompson, Torres,
  Tran, Turner, Vargas, Vasquez, Vogel, Wagner, Walker, Wang, Ward, Watanabe, Weber, White, Williams,
  Wilson, Wolf, Wood, Wright, Yamamoto, Yang, Yilmaz, Young, Zhang, Zimmermann
`);

/** Brand words of company names. "Acme" is among them on purpose: search must tell many Acmes apart. */
export const companyPrefixes = list(`
  Acme, Alpine, Apex, Arrow, Atlas, Aurora, Beacon, Blue, Bridge, Bright, Cardinal, Cascade, Cedar,
  Central, Coastal, Compass, Crown, Delta, Eagle, Empire, Evergreen, First, Frontier, Galaxy, Golden,
  Granite, Great Plains, Green, Harbor, Heartland, Heritage, Highland, Horizon, Iron, Keystone, Lakeside,
  Legacy, Liberty, Lone Star, Magnolia, Maple, Meridian, Metro, Midland, Mountain, National, Northern,
  Nova, Oak, Orchard, Pacific, Patriot, Pinnacle, Pioneer, Prairie, Premier, Prime, Quantum, Red Rock,
  Redwood, Regal, River, Rocky Mountain, Royal, Sierra, Silver, Southern, Sterling, Summit, Sun, Sunrise,
  Titan, Tri-State, Trinity, Union, United, Valley, Vanguard, Vista, Western, Willow
`);

/** What a company deals in. */
export const companyTrades = list(`
  Agri, Auto, Building, Chemical, Construction, Crop, Dairy, Diesel, Electric, Energy, Equipment, Farm,
  Feed, Fleet, Fluid, Garden, Grain, Hardware, Hydraulic, Implement, Industrial, Irrigation, Lawn,
  Livestock, Machine, Marine, Material, Medical, Motor, Packaging, Parts, Plumbing, Power, Pump, Safety,
  Seed, Solar, Steel, Supply, Tire, Tool, Tractor, Truck, Water
`);

/** Endings of a top-level distributor's name. */
export const distributorSuffixes = list(`
  Distribution, Distributors, Supply, Wholesale, Trading, Supply Co., Distribution Inc., Logistics
`);

/** Endings of a dealer's name. */
export const dealerSuffixes = list(`
  Motors, Equipment, Dealers, Sales, Sales & Service, Farm Center, Implement Co., Outfitters, Supply,
  Machinery, Depot, Center
`);

/** Endings of an end customer's name (legal forms included: duplicate detection strips them). */
export const customerSuffixes = list(`
  Co., Inc., LLC, Ltd., Farms, Industries, Group, Services, Partners, Holdings, Enterprises, Corp.,
  Contractors, Works, Ranch, Growers, Cooperative, Manufacturing
`);

/**
 * Real company-like names that must exist in every data set: demos and the search scenario look for
 * them. The first is the root of the ~1,000-account family.
 */
export const wellKnownCompanies = list(`
  Acme Distribution, Acme Supply, Acme Motors, Acme Agri Services, Globex Supply, Initech Industrial Supply,
  Northwind Traders, Contoso Farm Equipment, Umbrella Agri, Stark Industrial Distribution, Wayne Agri Supply,
  Hooli Solar, Vandelay Industries, Soylent Farms, Tyrell Motors, Cyberdyne Equipment, Wonka Packaging,
  Gringotts Trading, Oceanic Marine Supply, Massive Dynamic Power
`);

export const industries = list(`
  Agriculture, Automotive, Construction, Energy, Food & Beverage, Forestry, Healthcare, Landscaping,
  Logistics, Manufacturing, Marine, Mining, Retail, Utilities, Water Treatment
`);

export type City = {
  name: string;
  /** State, province or region code. */
  region: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
};

/** A sales area: territories are numbered within one ("North-East 3") and cover some of its cities. */
export type Area = { name: string; cities: readonly City[] };

const city = (name: string, region: string, country: string, latitude: number, longitude: number): City => ({
  name,
  region,
  country,
  latitude,
  longitude,
});

export const areas: readonly Area[] = [
  {
    name: 'North-East',
    cities: [
      city('Boston', 'MA', 'US', 42.36, -71.059),
      city('New York', 'NY', 'US', 40.713, -74.006),
      city('Philadelphia', 'PA', 'US', 39.953, -75.164),
      city('Pittsburgh', 'PA', 'US', 40.441, -79.996),
      city('Buffalo', 'NY', 'US', 42.886, -78.878),
      city('Albany', 'NY', 'US', 42.653, -73.757),
      city('Hartford', 'CT', 'US', 41.764, -72.685),
      city('Providence', 'RI', 'US', 41.824, -71.413),
      city('Montreal', 'QC', 'CA', 45.502, -73.567),
      city('Toronto', 'ON', 'CA', 43.653, -79.383),
      city('Ottawa', 'ON', 'CA', 45.421, -75.697),
    ],
  },
  {
    name: 'South-East',
    cities: [
      city('Atlanta', 'GA', 'US', 33.749, -84.388),
      city('Nashville', 'TN', 'US', 36.163, -86.781),
      city('Memphis', 'TN', 'US', 35.149, -90.049),
      city('Charlotte', 'NC', 'US', 35.227, -80.843),
      city('Raleigh', 'NC', 'US', 35.78, -78.639),
      city('Jacksonville', 'FL', 'US', 30.332, -81.656),
      city('Orlando', 'FL', 'US', 28.538, -81.379),
      city('Tampa', 'FL', 'US', 27.951, -82.457),
      city('Birmingham', 'AL', 'US', 33.519, -86.81),
      city('Columbia', 'SC', 'US', 34.0, -81.035),
    ],
  },
  {
    name: 'Midwest',
    cities: [
      city('Chicago', 'IL', 'US', 41.878, -87.63),
      city('Columbus', 'OH', 'US', 39.961, -82.999),
      city('Des Moines', 'IA', 'US', 41.587, -93.625),
      city('Kansas City', 'MO', 'US', 39.1, -94.579),
      city('Minneapolis', 'MN', 'US', 44.978, -93.265),
      city('Omaha', 'NE', 'US', 41.257, -95.995),
      city('Indianapolis', 'IN', 'US', 39.768, -86.158),
      city('Milwaukee', 'WI', 'US', 43.039, -87.906),
      city('Detroit', 'MI', 'US', 42.331, -83.046),
      city('St. Louis', 'MO', 'US', 38.627, -90.199),
      city('Fargo', 'ND', 'US', 46.877, -96.79),
      city('Sioux Falls', 'SD', 'US', 43.545, -96.731),
      city('Winnipeg', 'MB', 'CA', 49.895, -97.138),
    ],
  },
  {
    name: 'South-Central',
    cities: [
      city('Dallas', 'TX', 'US', 32.777, -96.797),
      city('Austin', 'TX', 'US', 30.267, -97.743),
      city('Houston', 'TX', 'US', 29.76, -95.37),
      city('San Antonio', 'TX', 'US', 29.424, -98.494),
      city('Oklahoma City', 'OK', 'US', 35.468, -97.516),
      city('Tulsa', 'OK', 'US', 36.154, -95.993),
      city('Little Rock', 'AR', 'US', 34.746, -92.29),
      city('New Orleans', 'LA', 'US', 29.951, -90.072),
      city('Monterrey', 'NLE', 'MX', 25.686, -100.316),
      city('Guadalajara', 'JAL', 'MX', 20.659, -103.349),
      city('Mexico City', 'CMX', 'MX', 19.433, -99.133),
    ],
  },
  {
    name: 'Mountain',
    cities: [
      city('Denver', 'CO', 'US', 39.739, -104.99),
      city('Phoenix', 'AZ', 'US', 33.448, -112.074),
      city('Salt Lake City', 'UT', 'US', 40.761, -111.891),
      city('Boise', 'ID', 'US', 43.615, -116.202),
      city('Albuquerque', 'NM', 'US', 35.084, -106.65),
      city('Tucson', 'AZ', 'US', 32.222, -110.975),
      city('Billings', 'MT', 'US', 45.783, -108.5),
      city('Cheyenne', 'WY', 'US', 41.14, -104.82),
      city('Calgary', 'AB', 'CA', 51.045, -114.057),
      city('Edmonton', 'AB', 'CA', 53.546, -113.494),
    ],
  },
  {
    name: 'Pacific',
    cities: [
      city('Seattle', 'WA', 'US', 47.606, -122.332),
      city('Portland', 'OR', 'US', 45.515, -122.679),
      city('Sacramento', 'CA', 'US', 38.582, -121.494),
      city('Fresno', 'CA', 'US', 36.738, -119.787),
      city('Spokane', 'WA', 'US', 47.659, -117.426),
      city('San Diego', 'CA', 'US', 32.716, -117.161),
      city('Los Angeles', 'CA', 'US', 34.052, -118.244),
      city('San Jose', 'CA', 'US', 37.339, -121.895),
      city('Bakersfield', 'CA', 'US', 35.373, -119.019),
      city('Vancouver', 'BC', 'CA', 49.283, -123.121),
    ],
  },
  {
    name: 'Europe',
    cities: [
      city('Barcelona', 'CT', 'ES', 41.385, 2.173),
      city('Madrid', 'MD', 'ES', 40.417, -3.704),
      city('Valencia', 'VC', 'ES', 39.47, -0.376),
      city('Hamburg', 'HH', 'DE', 53.551, 9.993),
      city('Munich', 'BY', 'DE', 48.135, 11.582),
      city('Berlin', 'BE', 'DE', 52.52, 13.405),
      city('Lyon', 'ARA', 'FR', 45.764, 4.835),
      city('Paris', 'IDF', 'FR', 48.857, 2.352),
      city('Rotterdam', 'ZH', 'NL', 51.924, 4.477),
      city('Amsterdam', 'NH', 'NL', 52.368, 4.904),
      city('Milan', 'MI', 'IT', 45.464, 9.19),
      city('Turin', 'TO', 'IT', 45.07, 7.687),
    ],
  },
];

export const cities: readonly City[] = areas.flatMap((area) => area.cities);

/** International dialling codes of the countries above. */
export const diallingCodes: Readonly<Record<string, string>> = {
  US: '1',
  CA: '1',
  MX: '52',
  ES: '34',
  DE: '49',
  FR: '33',
  NL: '31',
  IT: '39',
};

export const streetNames = list(`
  Main St, Oak Ave, Industrial Pkwy, Commerce Dr, Market St, Mill Rd, Harbor Blvd, Station Rd,
  Elm St, Park Ave, River Rd, Lake Shore Dr, Depot St, Airport Rd, Factory Ln, Route 9, County Rd 12,
  Grain Elevator Rd, Ridge Rd, Frontage Rd, Enterprise Way, Distribution Blvd, Logistics Ct, Maple St,
  Washington Ave, Highway 30, Prairie View Dr, Cedar Ln, Industrial Ave, Rail Yard Rd
`);

/** Job titles by contact role. */
export const contactTitles = {
  decision_maker: list(
    'Owner, CEO, President, Managing Director, General Manager, VP Purchasing, VP Operations, Chief Financial Officer',
  ),
  influencer: list(
    'Purchasing Manager, Operations Manager, Head of Maintenance, Plant Engineer, Fleet Manager, Agronomist, Project Manager',
  ),
  contact: list('Buyer, Office Manager, Accounts Payable, Sales Coordinator, Receptionist, Logistics Coordinator'),
  distributor: list('Branch Manager, Regional Sales Director, Product Manager, Inside Sales Lead'),
  dealer: list('Dealer Principal, Service Manager, Parts Manager, Sales Manager'),
} as const;
