import en from '../en/index.ts';
export default en;
