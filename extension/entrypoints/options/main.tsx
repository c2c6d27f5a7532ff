import { render } from 'preact';
import { Options } from '../../options/options';
import '../../options/style.css';

document.documentElement.lang = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
render(<Options />, document.getElementById('app')!);
