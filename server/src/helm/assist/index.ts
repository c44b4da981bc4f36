export { completeInAction } from './actionCompletion';
export { hoverInAction } from './actionHover';
