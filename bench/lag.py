#!/usr/bin/env python3
"""A TCP proxy that holds every chunk of bytes for a while before passing it on, each way: a
server that far away, for the runner's --lag. One round trip through it costs twice the delay.

    python3 bench/lag.py DELAY_MS LISTEN_PORT SERVER_HOST SERVER_PORT   (listens on 127.0.0.1)
"""
import asyncio
import sys

DELAY = float(sys.argv[1]) / 1000
LISTEN, HOST, SERVER = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])


async def carry(reader, writer):
    try:
        while data := await reader.read(65536):
            await asyncio.sleep(DELAY)
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


async def connection(client_reader, client_writer):
    try:
        server_reader, server_writer = await asyncio.open_connection(HOST, SERVER)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(
        carry(client_reader, server_writer), carry(server_reader, client_writer))


async def main():
    proxy = await asyncio.start_server(connection, "127.0.0.1", LISTEN)
    async with proxy:
        await proxy.serve_forever()


asyncio.run(main())
