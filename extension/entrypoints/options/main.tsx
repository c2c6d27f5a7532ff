import { render } from 'preact';
import { locale } from '../../lib/i18n';
import { Options } from '../../options/options';
import '../../options/style.css';

document.documentElement.lang = locale;
render(<Options />, document.getElementById('app')!);
