import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import LiveExperiment from './LiveExperiment.vue';

/** The default theme plus the `<LiveExperiment demo="..."/>` component used on the paper pages. */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('LiveExperiment', LiveExperiment);
  },
};
export default theme;
