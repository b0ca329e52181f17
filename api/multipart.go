package api

import (
	"io"
	"mime/multipart"

	"github.com/glapp/glapp/journeys"
)

// maxOptionsBytes bounds the options part of a multipart import.
const maxOptionsBytes = 1 << 20

// multipartFile walks a multipart body to its "file" part, reading an "options" part that
// comes before it, and returns the file part as a stream, so that the export is never held
// in memory whole. Parts after the file are not read.
func multipartFile(body io.Reader, boundary string) (file io.Reader, options []byte, filename string, err error) {
	if boundary == "" {
		return nil, nil, "", journeys.Errorf(journeys.Invalid, "The multipart body has no boundary.")
	}
	mr := multipart.NewReader(body, boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, nil, "", journeys.InvalidError("The multipart body has no file.", []journeys.Violation{{Parameter: "file", Detail: "Send the export in a part named file."}})
		}
		if err != nil {
			return nil, nil, "", journeys.Errorf(journeys.Invalid, "The multipart body could not be read.")
		}
		switch part.FormName() {
		case "options":
			if options, err = io.ReadAll(io.LimitReader(part, maxOptionsBytes)); err != nil {
				return nil, nil, "", journeys.Errorf(journeys.Invalid, "The options part could not be read.")
			}
		case "file":
			return part, options, part.FileName(), nil
		}
	}
}
