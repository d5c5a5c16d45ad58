/** Strings of the shared week grid (课表网格). */
const ttgrid = {
  ttgrid: {
    weekday: { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' },
    period: '第{{n}}节',
    periodShort: '{{n}}',
    caption: '课表：{{days}} 天 × {{periods}} 节',
    today: '今天',
  },
};
export default ttgrid;
