/**
 * Word lists for the synthetic pages. Every list is split: the test split draws only from the last quarter of each
 * list, train and dev from the rest, so held-out pages carry labels the model never saw.
 */
export type Split = 'train' | 'dev' | 'test';

export function forSplit<T>(items: readonly T[], split: Split): readonly T[] {
  const cut = Math.max(1, Math.floor(items.length * 0.75));
  return split === 'test' ? items.slice(cut) : items.slice(0, cut);
}

export const FIELD_LABELS = {
  name: ['Full name', 'Name', 'Your name', 'Contact name', 'Customer name', 'Recipient', 'Attendee name', 'Name on the card holder list'],
  email: ['Email', 'Email address', 'E-mail', 'Your email', 'Work email', 'Contact email', 'Reply-to address', 'Mailbox'],
  phone: ['Phone', 'Phone number', 'Mobile', 'Telephone', 'Cell phone', 'Contact number', 'Daytime phone', 'Mobile number'],
  city: ['City', 'Town', 'City of residence', 'Delivery city', 'Home town', 'Where do you live', 'Pickup city', 'Destination'],
  company: ['Company', 'Organisation', 'Employer', 'Business name', 'Team name', 'Workplace', 'School', 'Club'],
  message: ['Message', 'Comments', 'Notes', 'Your message', 'Details', 'Special requests', 'Anything else', 'Remarks'],
  quantity: ['Quantity', 'Number of items', 'Guests', 'Seats', 'Tickets', 'Copies', 'Party size', 'Rooms'],
  date: ['Date', 'Preferred date', 'Arrival date', 'Delivery date', 'Start date', 'Check-in date', 'Event day', 'Due date'],
} as const;
export type TextRole = keyof typeof FIELD_LABELS;

export const SELECT_FIELDS = [
  { labels: ['Country', 'Country of residence', 'Ship to', 'Nationality'], options: ['Germany', 'France', 'Spain', 'Italy', 'Portugal', 'Norway', 'Japan', 'Canada'] },
  { labels: ['Size', 'T-shirt size', 'Shirt size', 'Fit'], options: ['Small', 'Medium', 'Large', 'Extra large'] },
  { labels: ['Plan', 'Subscription', 'Tier', 'Package'], options: ['Free', 'Basic', 'Pro', 'Team', 'Enterprise'] },
  { labels: ['Room type', 'Cabin class', 'Seat class', 'Ticket type'], options: ['Economy', 'Standard', 'Business', 'First', 'Suite'] },
  { labels: ['Topic', 'Subject', 'Department', 'Reason'], options: ['Billing', 'Support', 'Sales', 'Press', 'Other'] },
  { labels: ['Language', 'Preferred language', 'Locale', 'Spoken language'], options: ['English', 'German', 'French', 'Spanish', 'Dutch'] },
] as const;

export const CHECKBOX_LABELS = [
  'Subscribe to the newsletter', 'Send me updates', 'I agree to the terms', 'Remember me', 'Email me offers',
  'Keep me posted', 'Gift wrap', 'Express delivery', 'Make profile public', 'Add travel insurance',
  'Notify me by text', 'Accessible seating',
];

export const SUBMIT_LABELS = [
  'Submit', 'Send', 'Save', 'Continue', 'Sign up', 'Book now', 'Register', 'Request quote', 'Apply', 'Done',
  'Create account', 'Reserve', 'Go', 'Finish',
];

export const FORM_TITLES = [
  'Contact us', 'Sign up', 'Shipping details', 'Book a table', 'Join the club', 'Request a demo', 'Event registration',
  'Get a quote', 'Feedback', 'Apply now', 'Volunteer form', 'Order details', 'Travel booking', 'Membership',
  'Support request', 'Profile',
];

export const FIRST_NAMES = ['Ana', 'Ben', 'Chloe', 'David', 'Elif', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jonas', 'Kira', 'Liam', 'Maya', 'Nils', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Vera', 'Wen', 'Yusuf', 'Zoe'];
export const LAST_NAMES = ['Berg', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jansen', 'Kowalski', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Park', 'Rossi', 'Silva', 'Tanaka', 'Weber', 'Yilmaz'];
export const CITIES = ['Lisbon', 'Oslo', 'Berlin', 'Madrid', 'Kyoto', 'Toronto', 'Lyon', 'Porto', 'Vienna', 'Dublin', 'Austin', 'Krakow', 'Turin', 'Bergen', 'Seville', 'Ghent'];
export const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark Labs', 'Wayne Works', 'Nimbus', 'Orbit Co'];
export const MESSAGES = ['Please call me back', 'Running late', 'Window seat please', 'No nuts please', 'Leave at the door', 'Thanks in advance', 'Need an invoice', 'Ring twice'];

export const ADJECTIVES = ['Blue', 'Red', 'Green', 'Tiny', 'Large', 'Smart', 'Classic', 'Silver', 'Wooden', 'Organic', 'Vintage', 'Compact', 'Golden', 'Soft', 'Bright', 'Quiet'];
export const PRODUCTS = ['Lamp', 'Chair', 'Backpack', 'Kettle', 'Headphones', 'Notebook', 'Mug', 'Jacket', 'Watch', 'Speaker', 'Blanket', 'Bottle', 'Desk', 'Camera', 'Scarf', 'Plant'];
export const ROLES = ['Designer', 'Engineer', 'Manager', 'Writer', 'Analyst', 'Nurse', 'Teacher', 'Chef', 'Pilot', 'Lawyer', 'Editor', 'Driver'];
export const SUBJECTS = ['Quarterly report', 'Lunch on Friday', 'Invoice overdue', 'Team offsite', 'New login', 'Weekly digest', 'Holiday plans', 'Contract draft', 'Meeting moved', 'Welcome aboard', 'Order shipped', 'Password reset'];
export const EVENTS = ['Jazz night', 'Book club', 'Yoga class', 'Tech meetup', 'Wine tasting', 'City tour', 'Film screening', 'Art walk', 'Chess evening', 'Salsa lesson', 'Pottery workshop', 'Trivia quiz'];
export const BOOK_TITLES = ['Silent River', 'The Glass Key', 'Northern Lights', 'Paper Moon', 'Iron Garden', 'Blue Harbour', 'Last Summer', 'Hidden Paths', 'Wild Orchard', 'Stone Bridge', 'Salt and Pepper', 'Night Train'];
export const TODOS = ['Buy milk', 'Walk the dog', 'Call the bank', 'Pay rent', 'Book dentist', 'Water plants', 'Send invoice', 'Fix the bike', 'Clean kitchen', 'Renew passport', 'Return books', 'Plan trip'];
export const SEARCH_PLACEHOLDERS = ['Search', 'Search products', 'Find', 'Search by name', 'Type to search', 'What are you looking for?', 'Search the catalogue', 'Filter'];
export const SEARCH_BUTTONS = ['Search', 'Go', 'Find', 'Look up', 'Filter', 'Show results'];
export const TAB_NAMES = ['General', 'Privacy', 'Notifications', 'Account', 'Display', 'Security', 'Billing', 'Advanced', 'Sharing', 'Sound'];
export const TOGGLE_LABELS = ['Dark mode', 'Email alerts', 'Two-step login', 'Show online status', 'Auto-save', 'Compact view', 'Sound effects', 'Weekly summary', 'Location access', 'Read receipts', 'Beta features', 'Large text'];
export const NAV_LABELS = ['Main', 'Site', 'Sections', 'Menu', 'Primary', 'Top', 'Browse', 'Navigation'];
export const NAV_LINKS = ['Home', 'About', 'Blog', 'Pricing', 'Contact', 'Help', 'Docs', 'Careers', 'News', 'Support', 'Account',
  'Shop', 'Team', 'Events', 'Jobs', 'Partners', 'Library', 'Forum', 'Deals', 'Press'];
export const TOOL_BUTTONS = ['Refresh', 'Share', 'Print', 'Export', 'Undo', 'Sort', 'Compose', 'New', 'Menu', 'Sign in', 'Dark theme', 'Feedback'];
export const FOOTER_LINKS = ['Privacy', 'Terms', 'Imprint', 'Cookies', 'Accessibility', 'Status', 'Sitemap', 'Legal', 'Security', 'Contact us'];
export const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/**
 * Generic words for made-up labels ("Harbor code", "Quiet lantern"): train pages use them for half of their labels
 * (and titles, buttons, links), so the model learns to match the task's words to the document's names by their
 * letters, not to memorise a few dozen labels; none of them is a label of the test split.
 */
export const LABEL_POOL = [
  'account', 'address', 'agent', 'album', 'amount', 'anchor', 'answer', 'apple', 'area', 'arrow', 'badge', 'balance',
  'banner', 'basket', 'batch', 'beacon', 'bench', 'bird', 'board', 'bonus', 'border', 'branch', 'brick', 'bridge',
  'brush', 'bucket', 'budget', 'cabin', 'cable', 'camp', 'canal', 'candle', 'canvas', 'cargo', 'carpet', 'castle',
  'cedar', 'chain', 'chapter', 'chart', 'cherry', 'circle', 'cloud', 'clover', 'coast', 'code', 'coin', 'colour',
  'comet', 'corner', 'cotton', 'county', 'course', 'crane', 'credit', 'crown', 'crystal', 'cycle', 'daisy', 'dawn',
  'deck', 'delta', 'desert', 'device', 'diary', 'dock', 'domain', 'draft', 'dream', 'drum', 'eagle', 'echo', 'edge',
  'ember', 'engine', 'entry', 'falcon', 'feather', 'fence', 'ferry', 'field', 'figure', 'flag', 'flame', 'fleet',
  'flower', 'folder', 'forest', 'fossil', 'frame', 'garden', 'gate', 'glacier', 'globe', 'grain', 'graph', 'harbor',
  'harvest', 'hazel', 'helmet', 'hill', 'hive', 'horizon', 'island', 'ivory', 'jacket', 'jade', 'journal', 'jungle',
  'kernel', 'kettle', 'kite', 'ladder', 'lagoon', 'lantern', 'leaf', 'ledger', 'lemon', 'letter', 'level', 'light',
  'linen', 'lotus', 'magnet', 'maple', 'marble', 'market', 'meadow', 'medal', 'mirror', 'mission', 'moon', 'motor',
  'mountain', 'nest', 'note', 'number', 'oak', 'ocean', 'olive', 'orbit', 'orchard', 'owner', 'paddle', 'palm',
  'panel', 'parcel', 'patch', 'path', 'pebble', 'pepper', 'period', 'pilot', 'pine', 'pixel', 'planet', 'plate',
  'pocket', 'point', 'pond', 'portal', 'prairie', 'prism', 'profile', 'quartz', 'quest', 'rabbit', 'radar', 'rain',
  'range', 'record', 'reef', 'region', 'ribbon', 'ridge', 'river', 'rocket', 'route', 'saddle', 'sail', 'sand',
  'scale', 'season', 'sector', 'shadow', 'shell', 'signal', 'silk', 'slope', 'snow', 'socket', 'spark', 'spice',
  'spring', 'square', 'stamp', 'star', 'station', 'stone', 'storm', 'stream', 'summit', 'sunset', 'table', 'target',
  'temple', 'thread', 'ticket', 'tide', 'timber', 'token', 'tower', 'trail', 'tulip', 'tunnel', 'valley', 'velvet',
  'venue', 'voyage', 'wagon', 'wallet', 'wave', 'willow', 'window', 'winter', 'wizard', 'yard', 'zone',
];
const LABEL_ADJECTIVES = ['main', 'preferred', 'second', 'your', 'new', 'old', 'quiet', 'bright', 'local', 'daily',
  'extra', 'home', 'shared', 'spare', 'first', 'last', 'north', 'south', 'short', 'long'];

const ONSETS = ['b', 'bl', 'br', 'c', 'ch', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr',
  'qu', 'r', 's', 'sh', 'sk', 'sl', 'sp', 'st', 't', 'th', 'tr', 'v', 'w', 'y', 'z', ''];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ay', 'ea', 'ee', 'ie', 'oa', 'oo', 'ou', 'y'];
const CODAS = ['', '', '', 'b', 'ck', 'd', 'ft', 'g', 'l', 'll', 'm', 'n', 'nd', 'ng', 'nt', 'p', 'r', 'rd', 'rk', 'rt', 's',
  'sh', 'st', 't', 'x'];

/**
 * A pronounceable made-up word of one to three syllables ("tramble", "skoud"). Pool words become whole BPE tokens that
 * a model can memorise; these split into pieces the way unseen real words ("daytime", "mailbox") do, so copying a name
 * piece by piece is what gets learned.
 */
export function pseudoWord(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const syllables = 1 + Math.floor(random() * 3);
  let word = '';
  for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(VOWELS) + (i === syllables - 1 || random() < 0.3 ? pick(CODAS) : '');
  return word.length >= 3 ? word : word + pick(['n', 'st', 'rd']);
}

/** `n` distinct made-up labels of one to three words, from LABEL_POOL or (pseudo share) pronounceable made-up words. */
export function madeUpLabels(random: () => number, n: number, pseudo = 0): string[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const noun = () => (random() < pseudo ? pseudoWord(random) : pick(LABEL_POOL));
  const out = new Set<string>();
  while (out.size < n) {
    const shape = random();
    const words = shape < 0.35 ? [noun()]
      : shape < 0.75 ? [noun(), noun()]
        : [pick(LABEL_ADJECTIVES), noun(), ...(random() < 0.5 ? [noun()] : [])];
    const text = words.join(' ');
    out.add(text[0]!.toUpperCase() + text.slice(1));
  }
  return [...out];
}
