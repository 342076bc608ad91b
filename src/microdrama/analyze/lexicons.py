"""Word lists the offline analysis relies on (speech verbs, honorifics, tension, time, places), zh and en.

Kept as data in one place so that tuning the analysis for a new book means editing lists, not logic.
"""

from __future__ import annotations

from typing import Literal

GenderName = Literal["male", "female", "unknown"]

# -- English ---------------------------------------------------------------------------------------

#: verbs that introduce or tag speech ("said Elizabeth", "he replied")
EN_SPEECH_VERBS = frozenset(
    """
    said says say saying replied replies reply answered answers answer asked asks ask cried cries cry
    exclaimed exclaims returned continued added observed remarked repeated resumed rejoined retorted
    whispered murmured muttered shouted screamed called called interrupted began begun inquired enquired
    declared insisted protested pleaded urged suggested explained responded demanded groaned sighed
    laughed sobbed stammered faltered thought wrote ejaculated persisted concluded agreed
    admitted observed growled snapped roared bellowed gasped cried said
    spoke speaks intervened interposed interjected pursued ventured proceeded echoed assented
    went goes broke breaks burst put puts chimed struck began begins drawled lisped chuckled giggled
    breathed announced commented mused reflected wondered conceded confessed objected corrected
    warned ordered commanded cautioned begged implored entreated remonstrated accosted greeted argued
    reasoned hazarded prompted reminded hinted whimpered blurted barked thundered yelled howled
    squeaked sang shrieked wailed moaned hissed sneered panted called calls cries asks answers
    replies returns adds whispers murmurs mutters exclaims continues observes remarks inquires
    enquires demands shouts
    """.split()
)

#: honorific -> gender it implies ("unknown" when it does not)
EN_HONORIFICS: dict[str, GenderName] = {
    "Mr": "male", "Mister": "male", "Mrs": "female", "Miss": "female", "Ms": "female", "Madam": "female",
    "Madame": "female", "Mme": "female", "Mademoiselle": "female", "Mlle": "female", "Monsieur": "male",
    "M": "male", "Lady": "female", "Lord": "male", "Sir": "male", "Dame": "female",
    "Dr": "unknown", "Doctor": "unknown", "Professor": "unknown", "Prof": "unknown",
    "Captain": "male", "Capt": "male", "Colonel": "male", "Col": "male", "General": "male",
    "Major": "male", "Lieutenant": "male", "Sergeant": "male", "Inspector": "male", "Admiral": "male",
    "Father": "male", "Brother": "male", "Sister": "female", "Mother": "female", "Aunt": "female",
    "Uncle": "male", "Abbé": "male", "Baron": "male", "Baroness": "female", "Count": "male",
    "Countess": "female", "Duke": "male", "Duchess": "female", "Prince": "male", "Princess": "female",
    "King": "male", "Queen": "female", "Emperor": "male", "Empress": "female", "Marquis": "male",
    "Marchioness": "female", "Viscount": "male", "Signor": "male", "Signora": "female", "Herr": "male",
    "Frau": "female", "Fräulein": "female", "Reverend": "male", "Rev": "male", "Saint": "unknown",
}  # fmt: skip

#: honorifics that may stand alone as a name after "the" ("the King", "the Count")
EN_TITLE_NAMES = frozenset(
    {"King", "Queen", "Count", "Countess", "Duke", "Duchess", "Prince", "Princess", "Emperor", "Empress",
     "Baron", "Baroness", "Marquis", "Colonel", "Captain", "Major", "Doctor", "Inspector", "Abbé"}
)  # fmt: skip

#: capitalised words that are never (part of) a character name
EN_STOPWORDS = frozenset(
    """
    I A An The This That These Those There Their They Them Then Than Thus Though Through Till To Too
    He She It Its His Her Hers Him We Us Our You Your Yours My Me Mine Who Whom Whose What When Where
    Why Which While How If In On At Of Off Or Nor Not No Yes And But For From By With Without Within
    Upon Into Unto Over Under After Before Again All Any Each Every Some Such Both Either Neither One
    Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next Now Here Well Oh Ah O Alas
    Indeed Perhaps Yet Still So As Is Was Were Be Been Being Are Am Do Does Did Done Have Has Had Shall
    Should Will Would Can Could May Might Must Let Pray Dear Good Very Much Many More Most Only Even
    Ever Never Always Sometimes Once Twice Nothing Something Everything Anything Nobody Everybody Somebody
    Anybody Mine Come Go Look See Say Tell Why Whether Because Since Until Unless Although Besides Meanwhile
    However Moreover Therefore Nevertheless Accordingly Hence Otherwise Instead Already Also Just Quite
    Rather Almost Soon Later Today Tomorrow Yesterday Tonight Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April June July August September October November December
    God Heaven Heavens Lord Christ Christian Providence English French German Italian Spanish Russian
    Chapter Volume Book Part Letter Illustration Contents Preface Introduction End Note Footnote
    Sir Madam Mr Mrs Miss Ms Dr St Mme Mlle M Lady Captain Colonel Doctor Mademoiselle Monsieur Madame
    Father Mother Uncle Aunt Brother Sister Papa Mama Mamma Grandpapa Grandmamma OK Ha Hah Hush Hum Hm
    Good-bye Goodbye Adieu Farewell Thank Thanks Please Sure Certainly Nay Aye Ay Hallo Hello Hey Why
    Mrs Esq Jr Bart Yesterday Upon Excuse Pardon Nonsense Impossible True False Exactly Quite Right Wrong
    Perfectly Capital Bravo Poor Alas Listen Wait Stop Hark Behold Lo Oho Aha Eh Hm Humph Bah Pshaw
    Majesty Majesties Ladyship Lordship Highness Excellency Honour Honor Grace Worship Reverence Eminence
    Royal Imperial Holy Sacred Great Little Old Young New North South East West Northern Southern
    """.split()
)

#: common given names (English, and the French, Italian, German and Russian ones these novels borrow),
#: by the gender they are safe to assume when pronouns do not tell; names given to both sexes
#: (Leslie, Evelyn, Jean, Robin) and names that are also common words (May, Will, June) are left out
EN_FEMALE_FIRST_NAMES = frozenset(
    """
    Abigail Ada Adela Adelaide Adele Adeline Agatha Agnes Alberta Alexandra Alexandrina Alice Alicia Alison
    Amanda Amelia Amy Angela Angelina Anita Ann Anna Annabel Annabella Anne Annette Annie Antoinette Anya
    Arabella Augusta Aurelia Aurora Barbara Beatrice Beatrix Becky Belinda Bella Bertha Bessie Bessy Betsy
    Betty Blanche Brenda Bridget Camilla Carlotta Carol Caroline Carrie Cassandra Catharine Catherine Cathy
    Cecilia Cecily Celia Charity Charlotte Christina Christine Cicely Clara Clarissa Claudia Clementine
    Clotilde Colette Connie Constance Cora Cordelia Cornelia Cynthia Daisy Daphne Deborah Delia Della Diana
    Dinah Dolly Dora Doris Dorothea Dorothy Dunya Edith Edna Effie Eileen Elaine Eleanor Eleanora Elinor Eliza
    Elizabeth Ella Ellen Elsa Elsie Emilia Emily Emma Esther Ethel Eugenia Eugénie Eunice Euphemia Eva
    Evangeline Eve Fanny Flora Florence Frances Georgiana Georgina Gertrude Gladys Grace Gwendolen Gwendolyn
    Hannah Harriet Harriett Hattie Hatty Haydée Hazel Helen Helena Henrietta Hermine Hermione Hester Hetty
    Hilda Honora Honoria Héloïse Ida Imogen Irene Isabel Isabella Isabelle Jacqueline Jane Janet Janey Jeanne
    Jemima Jennie Jenny Jessica Jessie Joan Jordan Josephine Judith Julia Juliana Julie Juliet Kate Katharine
    Katherine Kathleen Katie Katya Kitty Laura Lavinia Lena Letitia Lettice Lilian Lillian Lily Lizzie Lizzy
    Lois Lottie Louisa Louise Lucinda Lucy Lydia Mabel Madeleine Madeline Maggie Mamie Marcia Marfa Margaret
    Margery Marguerite Maria Marian Marianne Marie Marietta Marilla Marion Marjorie Martha Mary Masha Mathilde
    Matilda Maud Maude Medora Meg Melissa Mercedes Mercédès Mildred Millicent Millie Minnie Minty Miranda
    Miriam Molly Myra Myrtle Nancy Nanny Natalie Natasha Nathalie Nell Nellie Nelly Nora Norah Octavia Odette
    Olga Olive Olivia Ophelia Pamela Patience Patty Pauline Pearl Peggy Penelope Phoebe Phyllis Polina Polly
    Praskovya Priscilla Prudence Rachel Rebecca Renée Rhoda Rosa Rosalind Rosamond Rose Rosie Ruth Sally Sarah
    Selina Sibyl Sonia Sophia Sophie Sophy Stella Susan Susanna Susannah Susie Sylvia Tabitha Tatiana Theodora
    Theresa Therese Tilly Trixie Ursula Valentine Vera Victoria Viola Violet Virginia Winifred Winnie Yvonne
    Zoe Zoë
    """.split()
)
EN_MALE_FIRST_NAMES = frozenset(
    """
    Aaron Abraham Adam Adolphus Adrian Albert Alexander Alexei Alfred Algernon Allan Allen Alonzo Alyosha
    Ambrose Amos Andrea Andrew Angus Anthony Antonio Antony Archibald Archie Arnold Arthur Augustus Austin
    Barnaby Bartholomew Basil Ben Benedetto Benedict Benjamin Bernard Bertie Bertram Bill Billy Bob Bobby
    Boris Bruce Bryan Carlos Cecil Cedric Charles Charley Charlie Christopher Clarence Claude Clement Clifford
    Clive Colin Conrad Cornelius Cuthbert Cyril Dan Daniel David Denis Dennis Dick Dickie Diego Dmitri Donald
    Douglas Dudley Duncan Ebenezer Edgar Edmond Edmund Edward Edwin Eli Elias Elijah Elmer Emmanuel Enoch
    Ephraim Ernest Eugene Eustace Ezekiel Ezra Felix Ferdinand Fernand Fitzwilliam Francis Frank Franklin
    Franz Fred Freddie Freddy Frederic Frederick Friedrich Fyodor Gabriel Gaspard Geoffrey George Georges
    Gerald Gerard Gilbert Giles Giovanni Giuseppe Godfrey Gordon Graham Gregory Grigori Gustave Guy Gérard Hal
    Hank Hans Harold Harry Harvey Heinrich Henri Henry Herbert Hercule Horace Horatio Howard Hubert Hugh Hugo
    Humphrey Ian Ignatius Isaac Ivan Jack Jacob Jacopo Jacques Jake James Jasper Jay Jeremiah Jeremy Jerome
    Jerry Jesse Jim Jimmy Joe Joel John Johnny Jonah Jonathan Joseph Joshua Josiah Juan Julian Julius Karl
    Kenneth Laurence Lawrence Leonard Leopold Lewis Lionel Louis Lucas Lucien Lucius Luigi Luke Malcolm Marcel
    Marco Mark Marmaduke Martin Matthew Matthias Maurice Max Maximilian Michael Mikhail Miles Montague Morris
    Moses Nathan Nathaniel Ned Neville Nicholas Nick Nikolai Noah Norman Oliver Oscar Oswald Otto Owen Paolo
    Patrick Paul Pedro Percival Percy Peter Philip Philippe Phillip Pierre Pietro Pyotr Ralph Randolph Raoul
    Raymond Reggie Reginald Rex Richard Robert Roderick Roger Roland Ronald Rudolf Rupert Sam Sammy Samuel
    Saul Sebastian Septimus Sergei Seth Sherlock Sidney Siegfried Silas Simon Solomon Stanley Stephen Steve
    Sydney Ted Teddy Terence Theodore Thomas Timothy Tobias Toby Tom Tommy Tony Ulysses Victor Vincent
    Vladimir Wallace Walter Wilfred Wilfrid Wilhelm William Willie Willy Zachary Étienne
    """.split()
)

#: pronouns that point back at a character, by gender
EN_PRONOUNS: dict[str, GenderName] = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}

#: words after which a capitalised name is a place ("at Longbourn", "to London")
EN_PLACE_PREPOSITIONS = frozenset(
    {
        "at",
        "in",
        "to",
        "from",
        "near",
        "into",
        "towards",
        "toward",
        "through",
        "across",
        "reach",
        "reached",
        "leave",
        "left",
        "visit",
        "visited",
    }
)

#: words that open a place name ("West Egg", "New York", "Lake Superior"): a name mostly printed after
#: one of them is the tail of a place, and a name starting with one is a place
EN_PLACE_PREFIXES = frozenset(  # "Rue Coq-Héron", "Via del Corso": street words of other languages
    {
        "North",
        "South",
        "East",
        "West",
        "New",
        "Upper",
        "Lower",
        "Lake",
        "Mount",
        "Fort",
        "Port",
        "Cape",
        "Rue",
        "Via",
        "Piazza",
        "Boulevard",
        "Quai",
    }
)

#: last word of a multi-word place name -> INT / EXT guess
EN_PLACE_HEADS: dict[str, str] = {
    "Hall": "INT", "House": "INT", "Lodge": "INT", "Court": "INT", "Castle": "INT", "Palace": "INT",
    "Abbey": "INT", "Manor": "INT", "Cottage": "INT", "Inn": "INT", "Hotel": "INT", "Church": "INT",
    "Chapel": "INT", "Cathedral": "INT", "Theatre": "INT", "Library": "INT", "Prison": "INT", "Tower": "INT",
    "Rooms": "INT", "Temple": "INT", "Terrace": "EXT", "Street": "EXT", "Road": "EXT", "Lane": "EXT", "Square": "EXT",
    "Park": "EXT", "Place": "EXT", "Avenue": "EXT", "Bridge": "EXT", "Gardens": "EXT", "Garden": "EXT",
    "Hill": "EXT", "Island": "EXT", "Isle": "EXT", "River": "EXT", "Harbour": "EXT", "Harbor": "EXT",
    "Port": "EXT", "Bay": "EXT", "Forest": "EXT", "Wood": "EXT", "Woods": "EXT", "Common": "EXT",
    "Green": "EXT", "Gate": "EXT", "Quay": "EXT", "Station": "EXT", "Cross": "EXT", "Row": "EXT",
    "Museum": "INT", "Gallery": "INT", "Bank": "INT", "Shop": "INT", "Store": "INT", "Office": "INT",
    "School": "INT", "College": "INT", "Hospital": "INT", "Club": "INT", "Factory": "INT", "Mill": "INT",
    "Warehouse": "INT", "Studio": "INT", "Market": "EXT", "Yard": "EXT", "Pier": "EXT", "Wharf": "EXT",
}  # fmt: skip

#: last words of organisation names, which are not people ("Harrow Marine", "Porphyrion Insurance Company")
EN_INSTITUTION_HEADS = frozenset(
    "Company Co Ltd Limited Inc Society Marine Shipping Brothers Bros Press Gazette Times Herald Railway "
    "Trust Council Committee Association Insurance Corporation Institute Academy Agency Works Clocks "
    "Exchange Bureau Ministry Embassy Consulate Magazine Journal Review Gazette Chronicle Bulletin".split()
)

#: common nouns naming a place ("the drawing-room") -> INT / EXT guess
EN_PLACE_NOUNS: dict[str, str] = {
    "drawing-room": "INT", "dining-room": "INT", "sitting-room": "INT", "breakfast-room": "INT",
    "library": "INT", "parlour": "INT", "parlor": "INT", "bedroom": "INT", "chamber": "INT", "study": "INT",
    "kitchen": "INT", "hall": "INT", "ballroom": "INT", "cell": "INT", "dungeon": "INT", "cabin": "INT",
    "church": "INT", "inn": "INT", "carriage": "INT", "office": "INT", "shop": "INT", "prison": "INT",
    "garden": "EXT", "street": "EXT", "road": "EXT", "park": "EXT", "shrubbery": "EXT", "lawn": "EXT",
    "harbour": "EXT", "harbor": "EXT", "quay": "EXT", "beach": "EXT", "shore": "EXT", "wood": "EXT",
    "forest": "EXT", "field": "EXT", "square": "EXT", "bridge": "EXT", "deck": "EXT", "island": "EXT",
}  # fmt: skip

EN_NIGHT_WORDS = frozenset(
    "night nights midnight evening dusk twilight dark darkness candle candles candlelight moon moonlight "
    "supper bedtime nightfall".split()
)
EN_TIME_SHIFT = (
    "next morning", "next day", "following morning", "following day", "that evening", "that night",
    "the next", "in the morning", "the morning after", "a week", "a fortnight", "a month", "some days",
    "some weeks", "the following", "at length", "meanwhile", "in the meantime", "the same evening",
    "the day after", "two days", "three days", "a few days",
)  # fmt: skip

#: words that raise a scene's tension (conflict, threat, revelation, strong emotion)
EN_TENSION_WORDS = frozenset(
    """
    angry anger fury furious rage enraged quarrel quarrelled argue argued dispute threat threaten threatened
    danger dangerous fear feared afraid terror terrible horror horrified dread dreadful kill killed murder
    murdered death dead die died dying blood bloody weapon pistol sword knife gun poison prison arrest
    arrested secret secrets reveal revealed discovery discovered confess confessed confession truth lie lies
    lied betray betrayed betrayal deceive deceived shock shocked astonished astonishment surprise surprised
    tears wept weep cry cried sob sobbed scream screamed despair ruin ruined disgrace shame ashamed
    jealous jealousy revenge vengeance hate hatred insult insulted refuse refused reject rejected
    escape escaped flee fled chase attack attacked fight fought struggle struggled blow wound wounded
    crime criminal guilty accuse accused scandal elope eloped marry marriage proposal love loved passion
    agitation agitated trembling trembled alarm alarmed indignant indignation resentment violent violence
    """.split()
)

# -- Chinese ---------------------------------------------------------------------------------------

#: speech verbs, longest first where one contains another (matching tries them in this order)
ZH_SPEECH_VERBS = (
    "笑说道", "冷笑道", "笑问道", "哭着说", "忙说道", "回说道", "说道", "笑道", "问道", "答道", "叫道", "喊道",
    "嚷道", "骂道", "叹道", "哭道", "喝道", "回道", "应道", "念道", "接道", "想道", "说着", "说", "道", "想", "问", "答",
    "嚷", "喊", "叫", "骂", "叹", "笑", "回", "曰", "云",
)  # fmt: skip

#: single characters that end a speech-verb cue
ZH_SPEECH_VERB_ENDS = frozenset("说道问答嚷喊叫骂叹笑回曰云想")

#: suffixes of titles that tell gender
ZH_FEMALE_MARKS = (
    "夫人",
    "太太",
    "小姐",
    "姑娘",
    "奶奶",
    "姐姐",
    "妹妹",
    "娘子",
    "姨娘",
    "嬷嬷",
    "大娘",
    "婆子",
    "氏",
    "姐",
    "妹",
    "娘",
    "妈",
    "嫂",
    "姑",
    "婆",
    "妃",
    "后",
    "女",
)
ZH_MALE_MARKS = (
    "先生",
    "老爷",
    "太爷",
    "公子",
    "相公",
    "大爷",
    "二爷",
    "哥哥",
    "兄弟",
    "和尚",
    "道士",
    "爷",
    "哥",
    "兄",
    "叔",
    "伯",
    "公",
    "王",
    "帝",
    "翁",
    "郎",
    "生",
)

#: a word right after a name that tells the gender ("袭人姐姐", "宝玉哥哥"), and one right before it
#: ("丫鬟雪雁", "之女黛玉"); older books write 他 for women too, so these count more than pronouns
ZH_GENDER_AFTER: dict[str, GenderName] = {
    "哥哥": "male", "兄弟": "male", "大爷": "male", "二爷": "male", "三爷": "male", "老爷": "male", "公子": "male",
    "先生": "male", "叔叔": "male", "姐姐": "female", "妹妹": "female", "姑娘": "female", "丫头": "female",
    "奶奶": "female", "小姐": "female", "夫人": "female", "嫂子": "female", "媳妇": "female",
}  # fmt: skip
ZH_GENDER_BEFORE: dict[str, GenderName] = {
    "儿子": "male", "之子": "male", "侄儿": "male", "孙子": "male", "小厮": "male", "公子": "male", "丈夫": "male",
    "女儿": "female", "之女": "female", "侄女": "female", "孙女": "female", "丫头": "female", "丫鬟": "female",
    "小姐": "female", "妻子": "female", "媳妇": "female",
}  # fmt: skip
#: a name ending in one of these is a parent (贾母, 王母; 贾父)
ZH_PARENT_ENDS: dict[str, GenderName] = {"母": "female", "父": "male"}

#: words jieba may tag as person names that are not characters
ZH_NAME_STOPWORDS = frozenset(
    """
    人们 尼姑 大声 回答 胡说 两个 二人 心里 众人 胡同 听见 听说 告诉 答应 吩咐 回来 出去 进去 过去 回去
    老太太 太太 老爷 奶奶 姑娘 小姐 丫头 小丫头 那丫头 丫鬟 婆子 老婆子 和尚 道士 先生 夫人 公子 大爷 二爷
    冷笑 明白 言语 东西 哥哥 姐姐 妹妹 兄弟 小厮 众人 大家 自己 人家 别人 他们 我们 你们 咱们 孩子 老人
    知道 只是 不是 说话 如今 这里 那里 一个 什么 怎么 这个 那个 出来 起来 进来 过来 于是 因为 所以 然而
    连 李 贾 王 林 府 玉 中 高 白 黄 金 文 武 成 周 吴 孔 张 刘 陈 杨 赵 钱 孙 朱 胡 郭 何 马 罗 梁 宋 郑
    谢 韩 唐 冯 于 董 萧 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 潘 杜 戴 夏 钟 汪
    田 任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 郝 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 龙 万 段 雷 钱 汤 尹
    黎 易 常 武 乔 贺 赖 龚 文 老 小 大 阿 圣 仙 佛 天 地 人 神 鬼 王道 天下 世人 天地 阴阳 太平 朝廷
    """.split()
)

#: common one-character surnames, used to accept names jieba did not know
ZH_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏窦章苏潘葛奚范彭鲁韦马苗凤俞任"
    "袁柳鲍史唐费廉岑薛雷贺倪汤殷罗毕郝邬常傅卞齐康伍余顾孟黄穆萧尹姚邵汪祁毛狄米贝臧戴宋茅庞熊纪舒屈项祝董梁"
    "杜阮蓝闵季贾娄江童颜郭梅盛林钟徐邱骆高夏蔡田胡凌霍虞万柯管卢莫裘缪丁邓洪包左石崔吉龚程嵇邢裴陆荣翁荀甄封"
    "靳焦巴侯栾刘詹黎蔺乔谭姬冉桂牛燕尚柴阎廖耿聂晁饶曾沙鞠邢尤"
)

#: titles that follow a surname to make a name (赵太爷, 王夫人, 吴妈)
ZH_SURNAME_TITLES = (
    "老太太", "老太爷", "老爷", "太爷", "太太", "夫人", "小姐", "姑娘", "奶奶", "大爷", "二爷", "三爷", "公子",
    "先生", "秀才", "举人", "姨妈", "姨娘", "嫂子", "大娘", "姥姥", "嬷嬷", "妈妈", "七嫂", "大嫂", "大妈", "妈", "嫂",
)  # fmt: skip

#: a name never ends with one of these (they are verbs or particles glued on by the segmenter)
ZH_NOT_NAME_END = frozenset("一笑听来去罢话等说道问叫见看们家里上下中党人的了着过又也就便却都忙么头瞧至请回在得因闻言")
#: nor starts with one of these
ZH_NOT_NAME_START = frozenset(
    "头见叫听看向把被给对让请姓在和与同从这那他她我你它的了是有就也都又还只便却不没一个说道来去人件两几作做点陪要到回并将意因些吃前奉"
)

#: place-name endings -> INT / EXT guess
ZH_PLACE_SUFFIXES: dict[str, str] = {
    "府": "INT", "宫": "INT", "寺": "INT", "庙": "INT", "庵": "INT", "观": "INT", "楼": "INT", "院": "INT",
    "阁": "INT", "殿": "INT", "房": "INT", "屋": "INT", "堂": "INT", "厅": "INT", "馆": "INT", "店": "INT",
    "斋": "INT", "轩": "INT", "祠": "INT", "衙门": "INT", "衙": "INT", "监": "INT", "舍": "INT",
    "村": "EXT", "镇": "EXT", "城": "EXT", "山": "EXT", "河": "EXT", "街": "EXT", "园": "EXT", "庄": "EXT",
    "胡同": "EXT", "桥": "EXT", "湖": "EXT", "江": "EXT", "海": "EXT", "洞": "EXT", "岭": "EXT", "峰": "EXT", "亭": "EXT",
    "门": "EXT", "巷": "EXT", "港": "EXT", "湾": "EXT", "州": "EXT", "县": "EXT", "省": "EXT", "国": "EXT", "关": "EXT", "岛": "EXT",
}  # fmt: skip

#: words ending in a place suffix that are not places
ZH_PLACE_STOPWORDS = frozenset(
    """
    东西 哥哥 太监 新鲜 阿弥陀佛 太阳 游街 中兴 大洋 天门 上城 房子 一房 书房里 山水 江山 国家 天下 关系 门口 出门 进门 开门 关门 大门 二门 角门 房门 院门 正门 后门 宫门 城门
    明白 一院 满院 家庙 中国 外国 本国 上房 下房 两房 正房 厢房 里间 屋里 房里 一屋 满屋 一城 一山 一河 一园 满园
    """.split()
)

ZH_NIGHT_WORDS = (
    "夜",
    "晚上",
    "晚间",
    "晚饭",
    "黄昏",
    "三更",
    "二更",
    "四更",
    "五更",
    "一更",
    "半夜",
    "深夜",
    "月光",
    "灯",
    "烛",
    "入夜",
    "睡",
)
ZH_TIME_SHIFT = (
    "次日",
    "第二天",
    "第二日",
    "当晚",
    "当夜",
    "是夜",
    "晚上",
    "早上",
    "清早",
    "次早",
    "一日",
    "这日",
    "那日",
    "这天",
    "那天",
    "过了几天",
    "过了几日",
    "几天",
    "数日",
    "不多时",
    "至晚",
    "至次日",
    "且说",
    "却说",
    "话说",
)

ZH_TENSION_WORDS = (
    "怒", "骂", "打", "杀", "死", "哭", "恨", "吵", "闹", "急", "怕", "惊", "吓", "慌", "逃", "抢", "偷", "捉", "拿",
    "罚", "辱", "冤", "仇", "血", "刀", "枪", "毒", "秘密", "真相", "原来", "竟", "忽然", "突然", "不料", "谁知",
    "哀", "泪", "悲", "痛", "羞", "气", "嫉", "妒", "狠", "凶", "危", "险", "灾", "祸", "病", "亡", "革命", "造反",
)  # fmt: skip

#: common English nicknames of first names (general knowledge): a given "Elizabeth" is also "Lizzy"
EN_HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "Elizabeth": ("Lizzy", "Lizzie", "Eliza", "Liz", "Beth", "Betsy", "Bess", "Lisa"), "Eleanor": ("Nell", "Nellie", "Ellie"),
    "Helen": ("Nell", "Nellie"), "Ellen": ("Nell", "Nellie"), "Margaret": ("Meg", "Maggie", "Peggy", "Madge"),
    "Catherine": ("Kitty", "Kate", "Cathy", "Kit"), "Katherine": ("Kitty", "Kate", "Kathy"), "Mary": ("Molly", "Polly", "Mamie"),
    "Anne": ("Annie", "Nan", "Nancy"), "Ann": ("Annie", "Nan", "Nancy"), "Susan": ("Sue", "Susie", "Sukey"),
    "Sarah": ("Sally", "Sadie"), "Frances": ("Fanny", "Frankie"), "Dorothy": ("Dolly", "Dot", "Dora"),
    "Harriet": ("Hattie", "Harry"), "Henrietta": ("Etta", "Hetty"), "Jane": ("Jenny", "Janey"), "Rebecca": ("Becky",),
    "Isabella": ("Bella", "Isa"), "Isabel": ("Bella",), "Louisa": ("Lou", "Louie"), "Charlotte": ("Lottie",),
    "Caroline": ("Carrie", "Caro"), "Georgiana": ("Georgie",), "Theodora": ("Dora",), "Lucinda": ("Lucy",),
    "Josephine": ("Josie", "Jo"), "Victoria": ("Vicky",), "Florence": ("Flo", "Florrie"), "Matilda": ("Tilly", "Maud"),
    "Ruth": ("Ruthie",), "Patricia": ("Pat", "Patty"), "Christina": ("Chrissie", "Tina"), "Winifred": ("Winnie",),
    "William": ("Will", "Willy", "Bill", "Billy"), "Robert": ("Rob", "Bob", "Bobby", "Robin"), "Richard": ("Dick", "Rick"),
    "Edward": ("Ned", "Ted", "Teddy", "Eddie"), "Thomas": ("Tom", "Tommy"), "James": ("Jim", "Jimmy", "Jamie"),
    "John": ("Jack", "Johnny"), "Henry": ("Harry", "Hal", "Hank"), "Charles": ("Charlie", "Chas"),
    "Frederick": ("Fred", "Freddy", "Freddie"), "Frederic": ("Fred", "Freddy"), "Francis": ("Frank",), "Benjamin": ("Ben",),
    "Joseph": ("Joe",), "Samuel": ("Sam", "Sammy"), "Daniel": ("Dan", "Danny"), "David": ("Dave", "Davy"),
    "Michael": ("Mike", "Mick"), "Peter": ("Pete",), "Nicholas": ("Nick",), "Anthony": ("Tony",), "Alexander": ("Alec", "Alex", "Sandy"),
    "Theodore": ("Ted", "Teddy", "Theo"), "Walter": ("Walt", "Wat"), "Arthur": ("Art",), "Albert": ("Bert", "Al"),
    "Gilbert": ("Gil", "Bert"), "Matthew": ("Matt",), "Timothy": ("Tim",), "Andrew": ("Andy",), "Lawrence": ("Larry",),
    "Laurence": ("Larry",), "Leonard": ("Len", "Leo"), "Reginald": ("Reggie", "Rex"), "Archibald": ("Archie",),
    "Ronald": ("Ron", "Ronnie"), "Donald": ("Don",), "Gerald": ("Gerry",), "Stephen": ("Steve",), "Owen": ("Owain",),
    "Victor": ("Vic",), "Augustus": ("Gus",), "Ebenezer": ("Eben",), "Jacob": ("Jake",), "Abraham": ("Abe",),
}  # fmt: skip

#: endings of organisation names, which are not people (韩氏海运, 白沙银行)
ZH_INSTITUTION_SUFFIXES = (
    "海运",
    "公司",
    "集团",
    "银行",
    "商行",
    "工厂",
    "商店",
    "医院",
    "学校",
    "博物馆",
    "报社",
    "书店",
    "饭店",
    "酒店",
)

#: kinship terms that may stand right before a name (姑姑沈秀兰), with the gender they show
ZH_KIN_TERMS: dict[str, GenderName] = {
    "姑姑": "female", "姑妈": "female", "婶婶": "female", "婶子": "female", "阿姨": "female", "姨妈": "female",
    "奶奶": "female", "外婆": "female", "母亲": "female", "妈妈": "female", "姐姐": "female", "妹妹": "female",
    "嫂子": "female", "妻子": "female", "女儿": "female", "舅舅": "male", "叔叔": "male", "伯伯": "male",
    "爷爷": "male", "外公": "male", "父亲": "male", "爸爸": "male", "哥哥": "male", "弟弟": "male",
    "兄长": "male", "丈夫": "male", "儿子": "male", "祖母": "female", "祖父": "male",
}  # fmt: skip
#: the elder kin terms a family uses as a name ("姑姑" for 沈秀兰): these may become aliases
ZH_ELDER_TERMS = frozenset(
    {"姑姑", "姑妈", "婶婶", "婶子", "阿姨", "姨妈", "舅舅", "叔叔", "伯伯", "爷爷", "奶奶", "外婆", "外公"}
)


#: Chinese roles that stand for one person of a story when they act (地保进来了, 母亲说), though no
#: proper name: offices, trades, kin
ZH_ROLE_NOUNS = frozenset(
    "地保 母亲 父亲 祖母 祖父 掌柜 店主 老板 伙计 和尚 尼姑 道士 郎中 大夫 医生 知县 县官 把总 举人 皇帝 "
    "师父 管家 车夫 船夫 老头子 老太婆 房东 校长 村长 族长".split()
)
#: endings of Chinese nouns for a kind of person: a nickname so made is someone when it acts (假洋鬼子)
ZH_PERSON_HEADS = ("鬼子", "汉子", "婆子", "小子", "丫头", "老头", "先生", "和尚", "尼姑", "道士")
