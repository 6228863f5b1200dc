#include "normalize/nicknames.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace idres {
namespace {

struct NameAlias {
  std::string_view alias;
  std::string_view canonical;
};

// Sorted by alias (checked at compile time below) for binary search. An
// ambiguous diminutive ("dany": daniel, danielle) has one adjacent entry
// per name; the first is its canonical name. Data only: an alias
// must never be itself a canonical name of another entry.
// clang-format off
constexpr NameAlias kAliases[] = {
    {"abbie", "abigail"}, {"abby", "abigail"}, {"aggie", "agnes"},
    {"alec", "alexander"}, {"alek", "alexander"}, {"aleksander", "alexander"},
    {"alex", "alexander"}, {"alex", "alexandra"}, {"alexa", "alexandra"},
    {"alexandre", "alexander"}, {"alf", "alfred"}, {"alfie", "alfred"},
    {"andy", "andrew"}, {"angie", "angela"}, {"ann", "anne"}, {"annie", "anne"},
    {"anny", "anne"}, {"antony", "anthony"}, {"archie", "archibald"},
    {"art", "arthur"},
    {"artie", "arthur"}, {"aurel", "aurelien"}, {"babeth", "elizabeth"},
    {"babette", "elizabeth"}, {"babs", "barbara"}, {"bapt", "baptiste"},
    {"baptou", "baptiste"}, {"barb", "barbara"}, {"barbie", "barbara"},
    {"barney", "bernard"}, {"bart", "bartholomew"}, {"bastien", "sebastian"},
    {"bea", "beatrice"}, {"becca", "rebecca"}, {"becki", "rebecca"},
    {"becky", "rebecca"}, {"ben", "benjamin"}, {"benji", "benjamin"},
    {"benjy", "benjamin"}, {"benny", "benjamin"}, {"bernie", "bernard"},
    {"bert", "albert"}, {"bert", "herbert"}, {"bertie", "albert"},
    {"bertie", "herbert"},
    {"bess", "elizabeth"}, {"bessie", "elizabeth"}, {"beth", "elizabeth"},
    {"betsy", "elizabeth"}, {"bette", "elizabeth"}, {"betty", "elizabeth"},
    {"biddy", "bridget"}, {"bill", "william"}, {"billie", "william"},
    {"billy", "william"}, {"bob", "robert"}, {"bobbie", "roberta"},
    {"bobby", "robert"}, {"brad", "bradley"}, {"cam", "cameron"},
    {"carl", "charles"}, {"carlo", "charles"}, {"caro", "caroline"},
    {"carolyn", "caroline"}, {"carrie", "caroline"},
    {"cassie", "cassandra"}, {"cat", "catherine"}, {"catharine", "catherine"},
    {"cathie", "catherine"}, {"cathy", "catherine"}, {"charlie", "charles"},
    {"charlie", "charlotte"}, {"charlot", "charles"}, {"charly", "charles"},
    {"chas", "charles"}, {"chaz", "charles"}, {"chris", "christopher"},
    {"chrissie", "christine"}, {"christina", "christine"},
    {"christophe", "christopher"}, {"chuck", "charles"}, {"cilla", "priscilla"},
    {"cindy", "cynthia"}, {"clem", "clement"}, {"cliff", "clifford"},
    {"connie", "constance"}, {"cristopher", "christopher"}, {"dai", "david"},
    {"dan", "daniel"},
    {"danny", "daniel"}, {"dany", "daniel"}, {"dany", "danielle"},
    {"dave", "david"}, {"davey", "david"}, {"davie", "david"},
    {"davy", "david"}, {"deb", "deborah"}, {"debbie", "deborah"},
    {"debby", "deborah"}, {"debra", "deborah"}, {"dede", "andre"},
    {"denis", "dennis"}, {"denny", "dennis"}, {"di", "diana"},
    {"dick", "richard"}, {"dickie", "richard"}, {"dolly", "dorothy"},
    {"dom", "dominic"}, {"domi", "dominic"}, {"dominick", "dominic"},
    {"dominique", "dominic"}, {"don", "donald"}, {"donnie", "donald"},
    {"donny", "donald"}, {"dot", "dorothy"}, {"dottie", "dorothy"},
    {"doug", "douglas"}, {"dougie", "douglas"}, {"drew", "andrew"},
    {"ed", "edward"}, {"eddie", "edward"}, {"eddy", "edward"},
    {"edie", "edith"}, {"elinor", "eleanor"}, {"elisabeth", "elizabeth"},
    {"eliza", "elizabeth"}, {"ellie", "eleanor"}, {"elo", "elodie"},
    {"elsie", "elizabeth"}, {"ernie", "ernest"}, {"etta", "henrietta"},
    {"evie", "evelyn"},
    {"fanfan", "francoise"}, {"fanfan", "francois"}, {"fanny", "frances"},
    {"fifi", "josephine"},
    {"flo", "florence"}, {"flo", "florian"}, {"florrie", "florence"},
    {"fran", "frances"}, {"francesco", "francis"}, {"frank", "francis"},
    {"frankie", "francis"},
    {"frannie", "frances"}, {"fred", "frederick"}, {"fred", "alfred"},
    {"freddie", "frederick"}, {"freddie", "alfred"},
    {"freddy", "frederick"}, {"frederic", "frederick"},
    {"frederik", "frederick"}, {"fredo", "frederick"}, {"gab", "gabriel"},
    {"gabe", "gabriel"}, {"gaby", "gabriel"}, {"gaby", "gabrielle"},
    {"gail", "abigail"}, {"gege", "gerard"}, {"gene", "eugene"},
    {"geoff", "jeffrey"}, {"geoffrey", "jeffrey"}, {"georg", "george"}, {"georgie", "george"},
    {"gerry", "gerald"},
    {"gil", "gilbert"}, {"ginnie", "virginia"}, {"ginny", "virginia"},
    {"giorgio", "george"}, {"giovanni", "john"}, {"gordie", "gordon"},
    {"greg", "gregory"}, {"gregg", "gregory"},
    {"gregoire", "gregory"}, {"guigui", "guillaume"}, {"gus", "augustus"},
    {"gwen", "gwendolyn"},
    {"gwilym", "william"}, {"hal", "henry"}, {"hank", "henry"},
    {"harry", "henry"},
    {"harry", "harold"},
    {"hattie", "harriet"}, {"henri", "henry"}, {"herb", "herbert"},
    {"herbie", "herbert"},
    {"hetty", "henrietta"}, {"howie", "howard"}, {"iain", "john"},
    {"ian", "john"}, {"ike", "isaac"},
    {"isa", "isabelle"}, {"isabel", "isabelle"}, {"isabella", "isabelle"},
    {"izzy", "isabelle"}, {"jack", "john"}, {"jackie", "jacqueline"},
    {"jacquie", "jacqueline"}, {"jacquot", "jacques"}, {"jake", "jacob"},
    {"jamie", "james"}, {"jeannot", "jean"}, {"jeanot", "jean"},
    {"jeff", "jeffrey"}, {"jeffery", "jeffrey"}, {"jeje", "jerome"},
    {"jem", "james"}, {"jen", "jennifer"}, {"jenn", "jennifer"},
    {"jenni", "jennifer"}, {"jenny", "jennifer"}, {"jerry", "gerald"},
    {"jerzy", "george"}, {"jess", "jessica"}, {"jessie", "jessica"},
    {"jim", "james"},
    {"jimmie", "james"}, {"jimmy", "james"}, {"joe", "joseph"},
    {"joey", "joseph"}, {"johann", "john"}, {"johannes", "john"},
    {"johnnie", "john"},
    {"johnny", "john"}, {"jojo", "georges"}, {"jon", "john"}, {"jonny", "john"},
    {"josh", "joshua"}, {"josie", "josephine"}, {"josy", "josiane"},
    {"juan", "john"}, {"judi", "judith"}, {"judy", "judith"},
    {"juju", "julien"},
    {"karl", "charles"}, {"kat", "catherine"}, {"kate", "catherine"},
    {"katharine", "catherine"},
    {"katherine", "catherine"}, {"kathrine", "catherine"},
    {"kathryn", "catherine"}, {"kathy", "catherine"}, {"katie", "catherine"},
    {"katy", "catherine"}, {"ken", "kenneth"}, {"kenny", "kenneth"},
    {"kim", "kimberly"}, {"kimberley", "kimberly"}, {"kit", "christopher"},
    {"kitty", "catherine"}, {"kristina", "christine"},
    {"kristine", "christine"}, {"kristopher", "christopher"},
    {"larry", "lawrence"}, {"laurence", "lawrence"}, {"len", "leonard"},
    {"lenny", "leonard"}, {"les", "leslie"}, {"lexi", "alexandra"},
    {"lexie", "alexandra"}, {"liam", "william"}, {"libby", "elizabeth"},
    {"lil", "lillian"}, {"lili", "aurelie"}, {"lily", "lillian"},
    {"lisa", "elizabeth"}, {"lisbeth", "elizabeth"}, {"liv", "olivia"},
    {"livvy", "olivia"}, {"liz", "elizabeth"}, {"liza", "elizabeth"},
    {"lizzie", "elizabeth"}, {"lizzy", "elizabeth"}, {"lolo", "laurent"},
    {"lotte", "charlotte"}, {"lottie", "charlotte"}, {"ludo", "ludovic"},
    {"maddie", "madeleine"}, {"maddy", "madeleine"}, {"madeline", "madeleine"},
    {"madge", "margaret"}, {"mado", "madeleine"}, {"mae", "mary"},
    {"maggie", "margaret"}, {"maisie", "margaret"}, {"mal", "malcolm"},
    {"mamie", "mary"}, {"mandy", "amanda"}, {"manu", "emmanuel"},
    {"marge", "margaret"}, {"margie", "margaret"}, {"margo", "margaret"},
    {"margot", "margaret"}, {"marguerite", "margaret"}, {"marv", "marvin"},
    {"mathew", "matthew"}, {"mathieu", "matthew"}, {"matt", "matthew"},
    {"matthieu", "matthew"}, {"mattie", "martha"}, {"matty", "matthew"},
    {"max", "maxime"}, {"meg", "margaret"}, {"mel", "melissa"},
    {"michele", "michelle"}, {"michou", "michel"}, {"mick", "michael"},
    {"mickael", "michael"}, {"mickey", "michael"}, {"micky", "michael"},
    {"mika", "michael"}, {"mikael", "michael"}, {"mike", "michael"},
    {"mikey", "michael"}, {"mimi", "michelle"}, {"missy", "melissa"},
    {"mitch", "mitchell"}, {"mohamad", "mohamed"}, {"mohammad", "mohamed"},
    {"mohammed", "mohamed"}, {"molly", "mary"}, {"momo", "mohamed"},
    {"monty", "montgomery"}, {"muhammad", "mohamed"}, {"muhammed", "mohamed"},
    {"nan", "anne"}, {"nanard", "bernard"}, {"nate", "nathan"},
    {"nath", "natalie"}, {"nathalie", "natalie"}, {"ned", "edward"},
    {"nell", "helen"}, {"nellie", "helen"}, {"nick", "nicholas"},
    {"nickolas", "nicholas"}, {"nicky", "nicholas"}, {"nico", "nicholas"},
    {"nicolas", "nicholas"}, {"norm", "norman"}, {"ollie", "oliver"},
    {"olly", "oliver"}, {"ozzie", "oswald"}, {"paddy", "patrick"},
    {"pam", "pamela"}, {"paolo", "paul"}, {"pat", "patricia"},
    {"pat", "patrick"},
    {"patou", "patricia"}, {"patsy", "patricia"}, {"patty", "patricia"},
    {"paulo", "paul"}, {"peggy", "margaret"}, {"penny", "penelope"},
    {"percy", "percival"}, {"pete", "peter"}, {"phil", "philip"},
    {"philippe", "philip"}, {"phillip", "philip"}, {"pierrot", "pierre"},
    {"pietro", "peter"}, {"polly", "mary"}, {"polo", "paul"},
    {"popaul", "paul"},
    {"prissy", "priscilla"}, {"rafael", "raphael"}, {"randy", "randall"},
    {"raph", "raphael"}, {"ray", "raymond"}, {"reg", "reginald"},
    {"reggie", "reginald"}, {"rich", "richard"}, {"richie", "richard"},
    {"rick", "richard"}, {"rickie", "richard"}, {"ricky", "richard"},
    {"riri", "henry"}, {"rob", "robert"}, {"robbie", "robert"},
    {"robby", "robert"}, {"rod", "rodney"}, {"rog", "roger"}, {"ron", "ronald"},
    {"ronnie", "ronald"}, {"ronny", "ronald"}, {"rosie", "rose"},
    {"russ", "russell"}, {"sadie", "sarah"}, {"sally", "sarah"},
    {"sam", "samuel"}, {"sammy", "samuel"}, {"sandy", "sandra"},
    {"sara", "sarah"}, {"sasha", "alexander"}, {"sean", "john"},
    {"seb", "sebastian"},
    {"sebastien", "sebastian"}, {"sid", "sidney"}, {"sol", "solomon"},
    {"stan", "stanley"}, {"steph", "stephen"}, {"steph", "stephanie"},
    {"stephane", "stephen"}, {"stephie", "stephanie"}, {"steve", "stephen"},
    {"steven", "stephen"}, {"stevie", "stephen"}, {"sue", "susan"},
    {"susanne", "susan"}, {"susie", "susan"}, {"suzanne", "susan"}, {"suzie", "susan"},
    {"suzy", "susan"}, {"ted", "edward"}, {"teddy", "edward"},
    {"teresa", "theresa"}, {"terrence", "terence"}, {"terri", "theresa"},
    {"terry", "terence"}, {"tess", "theresa"}, {"tessa", "theresa"},
    {"tessie", "theresa"}, {"theo", "theodore"}, {"therese", "theresa"},
    {"thib", "thibault"}, {"thibaud", "thibault"}, {"thibaut", "thibault"},
    {"thom", "thomas"}, {"tim", "timothy"}, {"timmy", "timothy"},
    {"timothee", "timothy"}, {"toby", "tobias"}, {"toine", "antoine"},
    {"toinette", "antoinette"}, {"tom", "thomas"}, {"tommie", "thomas"},
    {"tommy", "thomas"}, {"tony", "anthony"}, {"tony", "antoine"},
    {"topher", "christopher"}, {"tori", "victoria"}, {"tricia", "patricia"},
    {"trish", "patricia"}, {"trisha", "patricia"}, {"trixie", "beatrice"},
    {"val", "valerie"}, {"vern", "vernon"}, {"vero", "veronique"},
    {"vic", "victor"}, {"vicki", "victoria"}, {"vickie", "victoria"},
    {"vicky", "victoria"}, {"vince", "vincent"}, {"vinnie", "vincent"},
    {"vinny", "vincent"}, {"virgi", "virginie"}, {"wally", "walter"},
    {"walt", "walter"}, {"wes", "wesley"}, {"wilf", "wilfred"},
    {"will", "william"}, {"willie", "william"}, {"wills", "william"},
    {"willy", "william"}, {"winnie", "winifred"}, {"xander", "alexander"},
    {"zac", "zachary"}, {"zach", "zachary"}, {"zack", "zachary"},
    {"zak", "zachary"}, {"zaza", "isabelle"}, {"zeke", "ezekiel"},
};
// clang-format on

constexpr bool IsStrictlySorted() {
  for (size_t i = 1; i < std::size(kAliases); ++i) {
    const NameAlias& a = kAliases[i - 1];
    const NameAlias& b = kAliases[i];
    if (!(a.alias < b.alias ||
          (a.alias == b.alias && a.canonical != b.canonical))) {
      return false;
    }
  }
  return true;
}
static_assert(IsStrictlySorted(), "kAliases must be sorted, unique");

constexpr const NameAlias* FirstEntry(std::string_view token) {
  return std::lower_bound(std::begin(kAliases), std::end(kAliases), token,
                          [](const NameAlias& entry, std::string_view key) {
                            return entry.alias < key;
                          });
}

// Returns the canonical name of `token`, or `token` itself.
constexpr std::string_view Canonical(std::string_view token) {
  const NameAlias* it = FirstEntry(token);
  return it != std::end(kAliases) && it->alias == token ? it->canonical
                                                         : token;
}

// Returns true when `canonical` is one of the canonical names of `token`
// (the token itself when the table does not list it).
bool HasCanonical(std::string_view token, std::string_view canonical) {
  const NameAlias* it = FirstEntry(token);
  if (it == std::end(kAliases) || it->alias != token) {
    return token == canonical;
  }
  for (; it != std::end(kAliases) && it->alias == token; ++it) {
    if (it->canonical == canonical) return true;
  }
  return false;
}

// Canonical names must be fixed points, or two aliases of one name could
// map to different strings.
constexpr bool CanonicalNamesAreNotAliases() {
  for (const NameAlias& entry : kAliases) {
    if (Canonical(entry.canonical) != entry.canonical) return false;
  }
  return true;
}
static_assert(CanonicalNamesAreNotAliases(), "a canonical name is an alias");

std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace

std::string CanonicalGivenName(absl::string_view folded_token) {
  return std::string(Canonical(ToStd(folded_token)));
}

bool AreNameVariants(absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty()) return false;
  // Any canonical name of one token that the other token also has.
  const NameAlias* it = FirstEntry(ToStd(a));
  if (it == std::end(kAliases) || it->alias != ToStd(a)) {
    return HasCanonical(ToStd(b), ToStd(a));
  }
  for (; it != std::end(kAliases) && it->alias == ToStd(a); ++it) {
    if (HasCanonical(ToStd(b), it->canonical)) return true;
  }
  return false;
}

}  // namespace idres
