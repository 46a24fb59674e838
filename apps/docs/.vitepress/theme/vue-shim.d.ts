// Lets tsc type-check the theme's entry; the component itself is checked by Vue's compiler at build time.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
