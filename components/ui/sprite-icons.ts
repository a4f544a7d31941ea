import * as arrowDown from "lucide-react/icons/arrow-down";
import * as arrowUp from "lucide-react/icons/arrow-up";
import * as arrowUpDown from "lucide-react/icons/arrow-up-down";
import * as buildingComplex from "lucide-react/icons/building-complex";
import * as chevronLeft from "lucide-react/icons/chevron-left";
import * as chevronRight from "lucide-react/icons/chevron-right";
import * as clipboardCheck from "lucide-react/icons/clipboard-check";
import * as download from "lucide-react/icons/download";
import * as layoutDashboard from "lucide-react/icons/layout-dashboard";
import * as listChecks from "lucide-react/icons/list-checks";
import * as mail from "lucide-react/icons/mail";
import * as menu from "lucide-react/icons/menu";
import * as messageSquare from "lucide-react/icons/message-square";
import * as monitorSmartphone from "lucide-react/icons/monitor-smartphone";
import * as rotateCcwClock from "lucide-react/icons/rotate-ccw-clock";
import * as shieldBan from "lucide-react/icons/shield-ban";
import * as userPlus from "lucide-react/icons/user-plus";
import * as users from "lucide-react/icons/users";
import * as workflow from "lucide-react/icons/workflow";

type IconNode = [tag: string, attrs: Record<string, string>][];

// Each lucide-react icon module also exports its drawing as `__iconData` (not in its types).
const MODULES = {
  "arrow-down": arrowDown,
  "arrow-up": arrowUp,
  "arrow-up-down": arrowUpDown,
  "building-complex": buildingComplex,
  "chevron-left": chevronLeft,
  "chevron-right": chevronRight,
  "clipboard-check": clipboardCheck,
  download,
  "rotate-ccw-clock": rotateCcwClock,
  "layout-dashboard": layoutDashboard,
  "list-checks": listChecks,
  mail,
  menu,
  "message-square": messageSquare,
  "monitor-smartphone": monitorSmartphone,
  "shield-ban": shieldBan,
  "user-plus": userPlus,
  users,
  workflow,
} satisfies Record<string, object>;

export type SpriteIconName = keyof typeof MODULES;

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function iconNode(name: SpriteIconName): IconNode {
  const data = (MODULES[name] as { __iconData?: { node?: IconNode } }).__iconData;
  if (!data?.node?.length) throw new Error(`lucide-react has no drawing for the "${name}" icon`);
  return data.node;
}

/** One SVG document with a <symbol> per icon, drawn from lucide-react's own icon data. */
export function spriteSvg(): string {
  const symbols = (Object.keys(MODULES) as SpriteIconName[]).map((name) => {
    const shapes = iconNode(name)
      .map(([tag, attrs]) => {
        const list = Object.entries(attrs)
          .filter(([k]) => k !== "key")
          .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
          .join("");
        return `<${tag}${list}/>`;
      })
      .join("");
    return `<symbol id="${name}" viewBox="0 0 24 24">${shapes}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join("")}</svg>`;
}
