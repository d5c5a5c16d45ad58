import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { setApiLanguage } from '../api/client.ts';
import en from './en.ts';
import zhCN from './zh-CN.ts';
import extEn from './ext.en.ts';
import extZh from './ext.zh-CN.ts';
import auth2En from './auth2.en.ts';
import auth2Zh from './auth2.zh-CN.ts';
import homexEn from './homex.en.ts';
import homexZh from './homex.zh-CN.ts';
import shellEn from './shell.en.ts';
import shellZh from './shell.zh-CN.ts';
import auditxEn from './auditx.en.ts';
import auditxZh from './auditx.zh-CN.ts';
import flowsxEn from './flowsx.en.ts';
import flowsxZh from './flowsx.zh-CN.ts';
import pagesxEn from './pagesx.en.ts';
import pagesxZh from './pagesx.zh-CN.ts';
import accountsEn from './accounts.en.ts';
import accountsZh from './accounts.zh-CN.ts';
import idnumberEn from './idnumber.en.ts';
import idnumberZh from './idnumber.zh-CN.ts';
import ttviewEn from './ttview.en.ts';
import ttviewZh from './ttview.zh-CN.ts';
import ttgridEn from './ttgrid.en.ts';
import ttgridZh from './ttgrid.zh-CN.ts';
import ttsettingsEn from './ttsettings.en.ts';
import ttsettingsZh from './ttsettings.zh-CN.ts';
import tteditEn from './ttedit.en.ts';
import tteditZh from './ttedit.zh-CN.ts';
import ttchangeEn from './ttchange.en.ts';
import ttchangeZh from './ttchange.zh-CN.ts';
import ttsolveEn from './ttsolve.en.ts';
import ttsolveZh from './ttsolve.zh-CN.ts';
import selstuEn from './selstu.en.ts';
import selstuZh from './selstu.zh-CN.ts';
import seloffEn from './seloff.en.ts';
import seloffZh from './seloff.zh-CN.ts';
import selclassEn from './selclass.en.ts';
import selclassZh from './selclass.zh-CN.ts';
import selrulesEn from './selrules.en.ts';
import selrulesZh from './selrules.zh-CN.ts';
import selauditEn from './selaudit.en.ts';
import selauditZh from './selaudit.zh-CN.ts';
import examsEn from './exams.en.ts';
import examsZh from './exams.zh-CN.ts';
import exampapersEn from './exampapers.en.ts';
import exampapersZh from './exampapers.zh-CN.ts';
import examplansEn from './examplans.en.ts';
import examplansZh from './examplans.zh-CN.ts';
import gradesEn from './grades.en.ts';
import gradesZh from './grades.zh-CN.ts';
import gradesReviewEn from './gradesreview.en.ts';
import gradesReviewZh from './gradesreview.zh-CN.ts';
import gradesHistoryEn from './grades-history.en.ts';
import gradesHistoryZh from './grades-history.zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'jiaowu.lang';

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

function apply(lang: Lang): void {
  setApiLanguage(lang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
}

const lang = initialLang();
apply(lang);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': {
      translation: {
        ...zhCN,
        ...extZh,
        ...auth2Zh,
        ...homexZh,
        ...shellZh,
        ...auditxZh,
        ...flowsxZh,
        ...pagesxZh,
        ...accountsZh,
        ...idnumberZh,
        ...ttviewZh,
        ...ttgridZh,
        ...ttsettingsZh,
        ...tteditZh,
        ...ttchangeZh,
        ...ttsolveZh,
        ...selstuZh,
        ...seloffZh,
        ...selclassZh,
        ...selrulesZh,
        ...selauditZh,
        ...examsZh,
        ...exampapersZh,
        ...gradesZh,
        ...examplansZh,
        ...gradesReviewZh,
        ...gradesHistoryZh,
      },
    },
    en: {
      translation: {
        ...en,
        ...extEn,
        ...auth2En,
        ...homexEn,
        ...shellEn,
        ...auditxEn,
        ...flowsxEn,
        ...pagesxEn,
        ...accountsEn,
        ...idnumberEn,
        ...ttviewEn,
        ...ttgridEn,
        ...ttsettingsEn,
        ...tteditEn,
        ...ttchangeEn,
        ...ttsolveEn,
        ...selstuEn,
        ...seloffEn,
        ...selclassEn,
        ...selrulesEn,
        ...selauditEn,
        ...examsEn,
        ...exampapersEn,
        ...gradesEn,
        ...examplansEn,
        ...gradesReviewEn,
        ...gradesHistoryEn,
      },
    },
  },
  lng: lang,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the interface language, remembers it, and tells the API client. */
export function setLanguage(next: Lang): void {
  localStorage.setItem(STORAGE_KEY, next);
  apply(next);
  void i18n.changeLanguage(next);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
