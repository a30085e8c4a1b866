package tls

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

// prober opens bounded connections to one endpoint and exchanges first flights.
type prober struct {
	addr    string
	sni     string
	timeout time.Duration
	sem     chan struct{} // bounds connections open at once
	random  io.Reader
	dial    func(ctx context.Context, network, addr string) (net.Conn, error)
}

// connect dials the endpoint once a connection slot is free. The connection has
// a deadline of p.timeout (or the context's, if sooner) for its whole life, and
// closing it frees the slot.
func (p *prober) connect(ctx context.Context) (net.Conn, func(), error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, fmt.Errorf("dial %s: %w", p.addr, ctx.Err())
	}
	release := func() { <-p.sem }
	deadline := time.Now().Add(p.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	dctx, cancel := context.WithDeadline(ctx, deadline)
	conn, err := p.dial(dctx, "tcp", p.addr)
	cancel()
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("dial %s: %w", p.addr, err)
	}
	if err := conn.SetDeadline(deadline); err != nil {
		conn.Close()
		release()
		return nil, nil, fmt.Errorf("set deadline: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	return conn, func() {
		stop()
		conn.Close()
		release()
	}, nil
}

// flight is what the server sent in answer to a ClientHello, up to
// ServerHelloDone (TLS 1.2 and older) or the ServerHello (TLS 1.3).
type flight struct {
	hello *serverHello
	certs [][]byte
	ocsp  bool
	kx    keyExchange
	// late is why the flight after ServerHello could not be read, if so.
	late error
}

// rejected reports whether err is the server declining an offer (an alert, or
// closing the connection without a word) rather than a failure to talk to it.
func rejected(err error) bool {
	var a *alertError
	return errors.As(err, &a) || errors.Is(err, errClosed)
}

// hello sends ch and reads the server's first flight.
func (p *prober) hello(ctx context.Context, ch *clientHello) (*flight, error) {
	var f *flight
	err := p.exchange(ctx, ch, func(_ net.Conn, _ *recordReader, fl *flight) error {
		f = fl
		return nil
	})
	return f, err
}

// exchange sends ch, reads the first flight and hands the still-open connection
// to then (which may go on talking, e.g. the heartbeat probe).
func (p *prober) exchange(ctx context.Context, ch *clientHello, then func(net.Conn, *recordReader, *flight) error) error {
	msg, err := ch.marshal()
	if err != nil {
		return err
	}
	conn, done, err := p.connect(ctx)
	if err != nil {
		return err
	}
	defer done()
	if _, err := conn.Write(msg); err != nil {
		return fmt.Errorf("write client hello: %w", closedOrErr(err, 0))
	}
	rr := newRecordReader(conn, maxConnBytes)
	typ, body, err := rr.readHandshake()
	if err != nil {
		return closedOrErr(err, rr.read)
	}
	if typ != typeServerHello {
		return fmt.Errorf("read server hello: got handshake message type %d", typ)
	}
	sh, err := parseServerHello(body)
	if err != nil {
		return err
	}
	f := &flight{hello: sh}
	if sh.version < VersionTLS13 && !sh.retry {
		f.late = readRestOfFlight(rr, f)
	}
	return then(conn, rr, f)
}

// readRestOfFlight reads Certificate, CertificateStatus and ServerKeyExchange
// up to ServerHelloDone.
func readRestOfFlight(rr *recordReader, f *flight) error {
	suite, _ := LookupSuite(f.hello.suite)
	for {
		typ, body, err := rr.readHandshake()
		if err != nil {
			return err
		}
		switch typ {
		case typeCertificate:
			if f.certs, err = parseCertificates(body); err != nil {
				return err
			}
		case typeCertificateStatus:
			f.ocsp = len(body) > 4 && body[0] == 1
		case typeServerKeyExchange:
			if f.kx, err = parseServerKeyExchange(body, suite.Kex); err != nil {
				return err
			}
		case typeServerHelloDone:
			return nil
		}
	}
}

// closedOrErr turns a reset or EOF before any byte was read into errClosed.
func closedOrErr(err error, read int) error {
	if read == 0 && (errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, syscall.EPIPE)) {
		return fmt.Errorf("%w (%v)", errClosed, err)
	}
	return err
}
