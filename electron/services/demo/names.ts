// Word lists for generated people and hardware.
export const firstNames = [
  'Anna', 'Ben', 'Chloe', 'David', 'Elif', 'Farah', 'Gustav', 'Hana', 'Ines', 'Jonas', 'Kira', 'Lars',
  'Maya', 'Noah', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wim', 'Xenia',
  'Yusuf', 'Zoe', 'Amir', 'Bea', 'Carlos', 'Dana', 'Emil', 'Frida', 'Greta', 'Hugo', 'Ida', 'Jan',
  'Karin', 'Leon', 'Mila', 'Nils', 'Oskar', 'Priya', 'Rafael', 'Sofia', 'Theo', 'Ulla', 'Viktor', 'Wanda',
] as const;

export const lastNames = [
  'Berg', 'Novak', 'Schmidt', 'Okafor', 'Lindqvist', 'Rossi', 'Kowalski', 'Yilmaz', 'Dubois', 'Jensen',
  'Martins', 'Nakamura', 'Haddad', 'Fischer', 'Costa', 'Svensson', 'Petrov', 'Moreau', 'Kumar', 'Larsen',
  'Weber', 'Horvat', 'Silva', 'Andersen', 'Meyer', 'Kaya', 'Romero', 'Nieminen', 'Bauer', 'Hughes',
  'Varga', 'Ito', 'Mendes', 'Olsen', 'Keller', 'Lopez', 'Brandt', 'Sato', 'Ward', 'Vogel',
] as const;

export const jobTitles = ['Nurse', 'Teacher', 'Technician', 'Clerk', 'Engineer', 'Analyst', 'Agent', 'Pharmacist'] as const;

export const windowsHardware = [
  { manufacturer: 'Dell Inc.', model: 'Latitude 5440' },
  { manufacturer: 'Dell Inc.', model: 'OptiPlex 7010' },
  { manufacturer: 'HP', model: 'HP EliteBook 840 G10' },
  { manufacturer: 'HP', model: 'HP ProDesk 600 G6' },
  { manufacturer: 'LENOVO', model: 'ThinkPad T14 Gen 4' },
  { manufacturer: 'LENOVO', model: 'ThinkCentre M70q' },
  { manufacturer: 'Microsoft Corporation', model: 'Surface Laptop 5' },
  { manufacturer: 'Microsoft Corporation', model: 'Surface Pro 9' },
] as const;

export const windowsBuilds = ['10.0.19045.5131', '10.0.22631.4460', '10.0.22631.4541', '10.0.26100.2314', '10.0.26100.2454'] as const;

export const locationGroups = [
  { id: 570, uuid: '7d1c0a57-0570-4c1a-9a57-0000000570aa', name: 'Contoso / Clinics / Ward A' },
  { id: 571, uuid: '7d1c0a57-0571-4c1a-9a57-0000000571aa', name: 'Contoso / Clinics / Ward B' },
  { id: 580, uuid: '7d1c0a57-0580-4c1a-9a57-0000000580aa', name: 'Contoso / Schools / Library' },
  { id: 590, uuid: '7d1c0a57-0590-4c1a-9a57-0000000590aa', name: 'Contoso / Offices / Front Desk' },
  { id: 600, uuid: '7d1c0a57-0600-4c1a-9a57-0000000600aa', name: 'Contoso / Warehouse / Floor' },
] as const;
