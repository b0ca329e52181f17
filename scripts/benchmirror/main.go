// Command benchmirror is the yardstick of scripts/bench, not part of Glapp: a gin server
// that answers from memory with the very bytes and headers Glapp answered, so that the
// load tool measures the limit of the machine, gin and net/http for that response.
//
//	go run ./scripts/benchmirror -addr 127.0.0.1:8091 -token T \
//	    /journey=http://127.0.0.1:8090/api/v1/projects/bench/journeys/j00000 ...
//
// Each argument NAME=URL is fetched once from Glapp with Accept-Encoding gzip and served
// at NAME.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "listen address")
	token := flag.String("token", "", "bearer token for Glapp")
	encoding := flag.String("accept-encoding", "gzip", "Accept-Encoding sent to Glapp")
	flag.Parse()
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	for _, arg := range flag.Args() {
		name, url, ok := strings.Cut(arg, "=")
		if !ok {
			log.Fatalf("argument %q is not NAME=URL", arg)
		}
		body, header := fetch(url, *token, *encoding)
		log.Printf("%s: %d bytes (%s, %s) from %s", name, len(body), header.Get("Content-Type"), header.Get("Content-Encoding"), url)
		r.GET(name, func(c *gin.Context) {
			for _, k := range []string{"Content-Encoding", "ETag", "Vary", "Content-Language"} {
				if v := header.Get(k); v != "" {
					c.Header(k, v)
				}
			}
			c.Data(http.StatusOK, header.Get("Content-Type"), body)
		})
	}
	log.Fatal(http.ListenAndServe(*addr, r))
}

func fetch(url, token, encoding string) ([]byte, http.Header) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept-Encoding", encoding) // set by hand, so the client does not decode
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		log.Fatal(fmt.Sprintf("GET %s = %d, %v", url, res.StatusCode, err))
	}
	return body, res.Header
}
