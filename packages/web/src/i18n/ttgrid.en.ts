/** Strings of the shared week grid. */
const ttgrid = {
  ttgrid: {
    weekday: { '1': 'Mon', '2': 'Tue', '3': 'Wed', '4': 'Thu', '5': 'Fri', '6': 'Sat', '7': 'Sun' },
    period: 'Period {{n}}',
    periodShort: '{{n}}',
    caption: 'Timetable: {{days}} days × {{periods}} periods',
    today: 'Today',
  },
};
export default ttgrid;
