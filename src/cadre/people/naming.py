"""Pinyin keys of names, so that "zjg" or "zhangjianguo" finds 张建国."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT


@lru_cache(maxsize=32768)
def _char(ch: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(ch, errors="ignore"))


def _has_phrase(text: str) -> bool:
    """Whether pypinyin would read part of `text` as a phrase (单于 chán yú, 尉迟 yù chí)."""
    n = len(text)
    return any(text[i:j] in PHRASES_DICT for i in range(n - 1) for j in range(i + 2, n + 1))


def _syllables(text: str) -> list[str]:
    # Without a phrase of its dictionary inside, pypinyin reads a text one character at a
    # time, so per-character results (cached) give the same answer; else ask it whole.
    if len(text) > 8 or _has_phrase(text):
        return list(lazy_pinyin(text, errors="ignore"))
    return [s for ch in text for s in _char(ch)]


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) from one conversion: the initials are the first letters of
    the syllables, which is what pypinyin's FIRST_LETTER style gives. Cached: a roster
    repeats names, and an import converts every new one."""
    syllables = [s for s in _syllables(text) if s]
    return "".join(syllables).lower(), "".join(s[0] for s in syllables).lower()


def pinyin_full(text: str) -> str:
    return pinyin_keys(text)[0]


def pinyin_initials(text: str) -> str:
    return pinyin_keys(text)[1]


# Every syllable pypinyin writes (tones dropped, ü as v), as `name_pinyin` holds them; a test
# checks the list against pypinyin's dictionary.
SYLLABLES = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong
    bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong
    chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai
    dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun
    duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei
    gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng
    hm hng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing
    jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
    kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin
    ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi
    mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nia
    nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang
    pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing
    qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
    sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou
    shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan
    tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang
    wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya
    yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen
    zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan
    zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
    """.split()  # noqa: SIM905 - one table, read as text
)
_SYLLABLE_PREFIXES = frozenset(s[:i] for s in SYLLABLES for i in range(1, len(s) + 1))
_LONGEST = max(map(len, SYLLABLES))


@lru_cache(maxsize=4096)
def could_be_full_pinyin(text: str) -> bool:
    """Whether some name's full pinyin could start with `text`: whole syllables, then the
    beginning of one. "zhangj" could; "zjg" cannot (no syllable starts "zj")."""
    reachable = {0}  # positions where a syllable may start
    for i in range(len(text)):
        if i not in reachable:
            continue
        if text[i:] in _SYLLABLE_PREFIXES:
            return True
        for j in range(i + 1, min(len(text), i + _LONGEST) + 1):
            if text[i:j] in SYLLABLES:
                reachable.add(j)
    return len(text) in reachable
