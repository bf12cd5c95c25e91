/**
 * The client's words in English and Arabic, with the game's own terms (rules spec §2.12).
 * Arabic pages are laid out right to left.
 *
 * @module
 */

import type { Rank, Suit } from "@baloot/rules";

/** A language of the interface. */
export type Lang = "en" | "ar";

const SUIT_EN: Record<Suit, string> = { S: "spades", H: "hearts", D: "diamonds", C: "clubs" };
const SUIT_AR: Record<Suit, string> = { S: "سبيت", H: "هاص", D: "ديمن", C: "شريا" };
const SUIT_SYMBOL: Record<Suit, string> = { S: "♠", H: "♥", D: "♦", C: "♣" };
const RANK_EN: Record<Rank, string> = {
  "7": "seven",
  "8": "eight",
  "9": "nine",
  T: "ten",
  J: "jack",
  Q: "queen",
  K: "king",
  A: "ace",
};
const RANK_AR: Record<Rank, string> = {
  "7": "سبعة",
  "8": "ثمانية",
  "9": "تسعة",
  T: "عشرة",
  J: "ولد",
  Q: "بنت",
  K: "شايب",
  A: "إكة",
};

const EN = {
  title: "Baloot",
  yourName: "Your name",
  quickPlay: "Quick play",
  quickPlayHint: "A seat at a table now; bots fill the empty seats in a few seconds.",
  quickLevel: "Bots",
  privateTable: "Private table",
  create: "Create table",
  profile: "Rules",
  profileR: "Reference (R)",
  profileKM: "Kammelna (KM)",
  target: "Play to",
  turnTime: "Turn time",
  watchDelay: "Spectators see all hands",
  watchDelayHandEnd: "when each hand ends",
  minutes: "min later",
  seconds: "s",
  bots: "Bots in empty seats",
  botLevel: "Level",
  wonByGahwa: "Won outright: the Gahwa hand ends the match.",
  botSeats: ["Opponent on your right", "Partner", "Opponent on your left"],
  botLevels: ["1 · casual", "2 · strong", "3 · expert"],
  liveTables: "Live tables",
  noTables: "No table is playing right now.",
  watch: "Watch",
  watchFull: "Watch with all hands (delayed)",
  fullViewWaiting: (delay: string) =>
    `Every hand appears here once it has ended and ${delay} have passed.`,
  winsMatch: "win the match.",
  team: (a: string, b: string) => `${a} & ${b}`,
  viewers: (n: number) => `${n} watching`,
  liveBadge: "LIVE",
  delayedBadge: (minutes: string) => `ALL HANDS · ${minutes} behind`,
  rewindBadge: "REWIND",
  rewind: "Rewind",
  backToLive: "Back to live",
  rewindAt: (hand: number, trick: number) =>
    trick === 0 ? `Hand ${hand}: the deal` : `Hand ${hand}, trick ${trick}`,
  watchGone: "This game cannot be watched: it has ended or never existed.",
  watchUnavailable: "Watching is not available right now. Try again in a moment.",
  spectating: "You are watching",
  waiting: "Waiting for players…",
  inviteLink: "Invite link",
  copy: "Copy",
  copied: "Copied",
  start: "Start now",
  startHint: "Empty seats are taken by bots.",
  leave: "Leave",
  backToLobby: "Back to the lobby",
  settings: "Settings",
  language: "Language",
  cardSize: "Card size",
  animSpeed: "Animation speed",
  fourColour: "Four-colour suits",
  sound: "Sound",
  close: "Close",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  moving: "The table is moving to another server…",
  closed: "Disconnected",
  yourTurn: "Your turn",
  us: "Us",
  them: "Them",
  score: "Score",
  contract: "Contract",
  trump: "Trump",
  buyer: "Buyer",
  level: "Level",
  tricks: "Tricks",
  points: "Points",
  pass: "Pass",
  passR1: "Pass (بس)",
  passR2: "Pass (ولا)",
  hokum: "Hokum",
  sun: "Sun",
  ashkal: "Ashkal",
  beforeYou: "Sun before you (قبلك)",
  confirmHokum: "Confirm Hokum",
  switchSun: "Switch to Sun",
  kasho: "Kasho",
  double: "Double",
  triple: "Three",
  four: "Four",
  gahwa: "Gahwa",
  open: "open",
  locked: "locked",
  declare: "Declare",
  sawa: "Sawa: claim the rest",
  baloot: "Baloot",
  ekka: "Ekka",
  handResult: "Hand result",
  matchResult: "Match result",
  made: "made the contract",
  failed: "failed: Khasara (خسارة)",
  kaboot: "Kaboot: all eight tricks (كبوت)",
  cardPoints: "Card points",
  lastTrick: "last trick included",
  projects: "Projects",
  convert: "Converted",
  awarded: "Awarded",
  rules: "Rules applied",
  continue: "Continue",
  rematch: "Rematch",
  weWin: "We win the match!",
  theyWin: "They win the match.",
  inviteInvalid: "This invite link is not valid or the table has closed.",
  tableFull: "This table is full or has already started.",
  serverGone: "The server went away and the table could not be found again.",
  refused: "Not allowed",
  cancelled: "Everyone passed: the cards are dealt again.",
  dealer: "Dealer",
  played: "played",
  wonTrick: "won the trick",
  mute: "Mute",
  unmute: "Sound on",
  loading: "Loading…",
  gahwaWin: "Gahwa: the match is decided",
  matchOver: "That match is over.",
  invited: "You are invited to a table.",
  join: "Join",
  couldNotJoin: "Could not join a table",
  emptySeat: "Empty seat",
  bot: "Bot",
  away: "Away",
  autopilot: "Autopilot",
  yourHand: "Your hand",
  waitingRematch: "Waiting for the others…",
  loadFailed: "The table could not be drawn: this browser needs WebGL.",
};

/** The interface's strings. */
export type Strings = typeof EN;

const AR: Strings = {
  title: "بلوت",
  yourName: "اسمك",
  quickPlay: "لعب سريع",
  quickPlayHint: "مقعد على طاولة الآن؛ يملأ الروبوت المقاعد الفارغة خلال ثوانٍ.",
  quickLevel: "الروبوت",
  privateTable: "طاولة خاصة",
  create: "أنشئ الطاولة",
  profile: "القوانين",
  profileR: "المرجعية (R)",
  profileKM: "كملنا (KM)",
  target: "اللعب حتى",
  turnTime: "وقت الدور",
  watchDelay: "يرى المشاهدون كل الأوراق",
  watchDelayHandEnd: "عند نهاية كل صكة",
  minutes: "دقيقة بعدها",
  seconds: "ث",
  bots: "الروبوت في المقاعد الفارغة",
  botLevel: "المستوى",
  wonByGahwa: "فوز مباشر: القهوة تنهي الصكة.",
  botSeats: ["الخصم على يمينك", "الشريك", "الخصم على يسارك"],
  botLevels: ["١ · هاوٍ", "٢ · قوي", "٣ · خبير"],
  liveTables: "طاولات مباشرة",
  noTables: "لا توجد طاولة تلعب الآن.",
  watch: "شاهد",
  watchFull: "شاهد بكل الأوراق (متأخرًا)",
  fullViewWaiting: (delay: string) => `تظهر كل صكة هنا بعد انتهائها ومرور ${delay}.`,
  winsMatch: "يفوزون باللعبة.",
  team: (a: string, b: string) => `${a} و ${b}`,
  viewers: (n: number) => `${n} يشاهدون`,
  liveBadge: "مباشر",
  delayedBadge: (minutes: string) => `كل الأوراق · متأخر ${minutes}`,
  rewindBadge: "إعادة",
  rewind: "إرجاع",
  backToLive: "عودة إلى المباشر",
  rewindAt: (hand: number, trick: number) =>
    trick === 0 ? `الصكة ${hand}: التوزيع` : `الصكة ${hand}، الأكلة ${trick}`,
  watchGone: "لا يمكن مشاهدة هذه اللعبة: انتهت أو لم توجد.",
  watchUnavailable: "المشاهدة غير متاحة الآن. حاول بعد قليل.",
  spectating: "أنت تشاهد",
  waiting: "بانتظار اللاعبين…",
  inviteLink: "رابط الدعوة",
  copy: "انسخ",
  copied: "نُسخ",
  start: "ابدأ الآن",
  startHint: "يأخذ الروبوت المقاعد الفارغة.",
  leave: "غادر",
  backToLobby: "العودة إلى الردهة",
  settings: "الإعدادات",
  language: "اللغة",
  cardSize: "حجم الورق",
  animSpeed: "سرعة الحركة",
  fourColour: "أربعة ألوان للأشكال",
  sound: "الصوت",
  close: "إغلاق",
  connected: "متصل",
  reconnecting: "إعادة الاتصال…",
  moving: "الطاولة تنتقل إلى خادم آخر…",
  closed: "غير متصل",
  yourTurn: "دورك",
  us: "لنا",
  them: "لهم",
  score: "النتيجة",
  contract: "المشترى",
  trump: "الحكم",
  buyer: "المشتري",
  level: "المضاعفة",
  tricks: "الأكلات",
  points: "الأبناط",
  pass: "بس",
  passR1: "بس",
  passR2: "ولا",
  hokum: "حكم",
  sun: "صن",
  ashkal: "أشكل",
  beforeYou: "قبلك",
  confirmHokum: "أكمل حكم",
  switchSun: "حوّل صن",
  kasho: "كشّة",
  double: "دبل",
  triple: "ثري",
  four: "فور",
  gahwa: "قهوة",
  open: "مفتوح",
  locked: "مقفول",
  declare: "مشروع",
  sawa: "سوا",
  baloot: "بلوت",
  ekka: "إكة",
  handResult: "نتيجة الصكة",
  matchResult: "نتيجة اللعبة",
  made: "نجح المشتري",
  failed: "خسارة",
  kaboot: "كبوت",
  cardPoints: "أبناط الورق",
  lastTrick: "مع الأرض",
  projects: "المشاريع",
  convert: "بالنقاط",
  awarded: "المكتوب",
  rules: "القواعد المطبقة",
  continue: "متابعة",
  rematch: "لعبة جديدة",
  weWin: "فزنا باللعبة!",
  theyWin: "فازوا باللعبة.",
  inviteInvalid: "رابط الدعوة غير صالح أو أُغلقت الطاولة.",
  tableFull: "الطاولة ممتلئة أو بدأت.",
  serverGone: "انقطع الخادم ولم نجد الطاولة مرة أخرى.",
  refused: "غير مسموح",
  cancelled: "الكل قال بس: يعاد التوزيع.",
  dealer: "الموزع",
  played: "لعب",
  wonTrick: "أكل",
  mute: "كتم الصوت",
  unmute: "تشغيل الصوت",
  loading: "جارٍ التحميل…",
  gahwaWin: "قهوة: حُسمت اللعبة",
  matchOver: "انتهت تلك اللعبة.",
  invited: "أنت مدعو إلى طاولة.",
  join: "انضم",
  couldNotJoin: "تعذّر الانضمام إلى طاولة",
  emptySeat: "مقعد فارغ",
  bot: "روبوت",
  away: "غائب",
  autopilot: "لعب تلقائي",
  yourHand: "ورقك",
  waitingRematch: "بانتظار الآخرين…",
  loadFailed: "تعذّر رسم الطاولة: يحتاج هذا المتصفح إلى WebGL.",
};

/** The strings of a language. */
export function strings(lang: Lang): Strings {
  return lang === "ar" ? AR : EN;
}

/** A suit's name. */
export function suitName(suit: Suit, lang: Lang): string {
  return lang === "ar" ? SUIT_AR[suit] : SUIT_EN[suit];
}

/** A suit's symbol. */
export function suitSymbol(suit: Suit): string {
  return SUIT_SYMBOL[suit];
}

/** A card in words ("ten of diamonds", "عشرة ديمن"). */
export function cardName(card: string, lang: Lang): string {
  const rank = card[0] as Rank, suit = card[1] as Suit;
  return lang === "ar"
    ? `${RANK_AR[rank]} ${SUIT_AR[suit]}`
    : `${RANK_EN[rank]} of ${SUIT_EN[suit]}`;
}

/** A card in short form ("10♦"). */
export function cardShort(card: string): string {
  return `${card[0] === "T" ? "10" : card[0]}${SUIT_SYMBOL[card[1] as Suit]}`;
}

/** A project type's name. */
export function projectName(type: string, lang: Lang): string {
  const en: Record<string, string> = {
    SIRA: "Sira",
    FIFTY: "Fifty",
    HUNDRED: "Hundred",
    FOUR_HUNDRED: "Four Hundred",
  };
  const ar: Record<string, string> = {
    SIRA: "سرا",
    FIFTY: "خمسين",
    HUNDRED: "مية",
    FOUR_HUNDRED: "أربعمية",
  };
  return (lang === "ar" ? ar : en)[type] ?? type;
}
