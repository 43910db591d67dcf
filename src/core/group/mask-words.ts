/** Word lists for masking: what a capitalised word can be besides a name. Lower case, one space apart. */
const set = (words: string) => new Set(words.split(" "));

/** Words that are capitalised only because they open a sentence (or a title): never names. */
export const FUNCTION_WORDS = set(
  "a an the and but or nor so yet then also as at in on by for from to of with without into onto over under " +
    "after before during while when whenever where why how what which who whom whose this that these those there " +
    "here it its it's we we're we've we'd our ours us my me mine you your he she his her they their them i i'm " +
    "i'd i've i'll if because since although though once until unless whether both each every all any some most " +
    "many much more few no not none one two three first second third next finally last lastly later today " +
    "tomorrow yesterday now overall initially eventually ultimately previously recently currently meanwhile " +
    "however therefore thus instead still even just only together within across between around about through " +
    "throughout per following using given is was were be been being am are had has have do did does can could " +
    "would should will shall might must let please yes yeah hi hello dear thanks sorry again always never " +
    "sometimes often usually typically generally personally unfortunately luckily fortunately specifically " +
    "additionally afterwards afterward soon immediately honestly basically actually another other such same",
);
export const CALENDAR = set(
  "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun " +
    "january february march april may june july august september october november december " +
    "jan feb mar apr jun jul aug sep sept oct nov dec",
);
/**
 * Capitalised words that identify no one on their own: titles, roles, departments, acronyms. A run made only
 * of these stays ("DC", "Operations Manager"); a run with any other word is a name ("Columbus DC").
 */
export const COMMON = set(
  "ok okay ceo coo cfo cto cio cpo vp svp evp avp gm md kpi kpis sla slas otif dc dcs fc hq hr it qa qc qe ehs " +
    "hse osha fda iso gmp ppe fifo lifo fefo sku skus wip rfid edi asn eta etd tbd asap faq usd eur gbp am pm " +
    "uk eu covid ai ml api crm mes tms lms ops pmo ebitda roi nps csat uph ltl ftl mr mrs ms dr prof st " +
    "manager managers director directors supervisor supervisors lead leads head senior junior chief officer " +
    "analyst analysts engineer engineers associate associates coordinator specialist planner planners buyer " +
    "buyers operator operators technician technicians team teams staff operations operation supply chain " +
    "logistics warehouse warehousing distribution fulfillment fulfilment center centre plant site production " +
    "manufacturing quality maintenance engineering finance sales marketing procurement purchasing inventory " +
    "planning customer customers service services support safety health transport transportation shipping " +
    "receiving inbound outbound department division region regional national global group board executive " +
    "leadership management committee project program programme process improvement continuous excellence " +
    "business unit office floor shop line cell shift night day days week weeks month months year years weekend " +
    "peak season holiday christmas easter thanksgiving north south east west northern southern eastern western " +
    "central situation task action actions result results star summary background context outcome lesson " +
    "lessons goal goals problem approach step steps phase note update baseline target total new",
);
export const COMPANY_SUFFIXES = set("inc corp corporation ltd llc llp plc gmbh ag co sa bv");
/** Words after which a capitalised word is a name even when it is a common one ("joined Target"). */
export const CUES = set("at for with joined");
