# zsh -f zh.zsh SCRIPT LINE: prints the candidates zsh's completion offers at the end of LINE,
# one per line. Drives an interactive zsh in a pseudo-terminal (zpty), presses Tab once, and
# records what the completion functions hand to compadd.
zmodload zsh/zpty || exit 3
script=$1 line=$2
zpty z zsh -f -i
zpty -w z 'PROMPT= RPROMPT= PS2='
zpty -w z 'autoload -Uz compinit && compinit -u -D'
zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false"
# The markers are built at run time so that the echo of these lines never matches them.
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a hits; builtin compadd -O hits "$@"; (( $#hits )) && print -rl -- "CAND${:-:}"${^hits}; builtin compadd "$@"; }'
zpty -w z 'comppostfuncs=( __done ); __done() { print -r -- "DONE-${:-MARK}"; exit }'
zpty -w z "source ${(q)script}"
zpty -w z "bindkey '^I' complete-word"
zpty -w -n z "$line"$'\t'
out=""
integer waited=0
while (( waited < 200 )); do
  if zpty -r -t z chunk 2>/dev/null; then
    out+=$chunk
    [[ $out == *DONE-MARK* ]] && break
  else
    (( waited++ ))
    sleep 0.05
  fi
done
zpty -d z
[[ -n $ZH_DEBUG ]] && print -r -- "$out" >&2
[[ $out == *DONE-MARK* ]] || { print -u2 "zsh did not finish completing"; exit 4 }
print -r -- "$out" | tr -d '\r' | sed -n 's/^.*CAND://p' | sort -u
