import { render } from 'preact';
import { Relais } from '../../relais/relais';
import { locale, s } from '../../relais/strings';
import '../../popup/style.css';
import '../../relais/style.css';

document.documentElement.lang = locale;
document.title = s.title;
render(<Relais />, document.getElementById('app')!);
document.body.dataset.ready = '1';
